package com.ledgerexplode.vendor;

/**
 * One event object as the API returned it, as compact JSON text: every field kept, unknown ones
 * too, in the API's key order, numbers with the API's own digits ({@code 12.50} stays {@code
 * 12.50}).
 */
public record VendorEvent(String json) {}
