package com.ledgerexplode.explode;

/** An error that rejects a request whole, with the API's code and an exact message. */
public record ApiError(int code, String message) {}
