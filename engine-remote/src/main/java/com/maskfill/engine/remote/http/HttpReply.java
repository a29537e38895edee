package com.maskfill.engine.remote.http;

/** A 2xx answer read fully into memory; {@code what} names the call for error messages. */
public record HttpReply(String what, int status, byte[] body, String contentType) {
}
