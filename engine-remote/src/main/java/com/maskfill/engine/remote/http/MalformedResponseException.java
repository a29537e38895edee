package com.maskfill.engine.remote.http;

import java.io.IOException;

/** A 2xx answer the client cannot use: malformed JSON, a missing field, an oversized or unknown image. */
public final class MalformedResponseException extends IOException {

    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
