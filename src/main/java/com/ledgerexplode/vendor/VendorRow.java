package com.ledgerexplode.vendor;

import com.ledgerexplode.explode.ApiRequest;

/**
 * A request row to ask the API: its line in the requests file (named by the client's failures) and
 * its parameters, the job's defaults already applied.
 */
public record VendorRow(long line, ApiRequest request) {}
