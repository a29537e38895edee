package com.maskfill.engine.remote.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** A provider answered with a non-2xx status. The message holds a redacted excerpt of the body, never a key. */
public final class HttpStatusException extends IOException {

    private final int status;
    private final String bodyExcerpt;
    private final String body;
    private final transient Duration retryAfter;

    public HttpStatusException(String what, int status, String bodyExcerpt, Duration retryAfter) {
        this(what, status, bodyExcerpt, retryAfter, bodyExcerpt);
    }

    /** @param body the whole error body as far as it was read, redacted, for a provider whose errors are long */
    public HttpStatusException(String what, int status, String bodyExcerpt, Duration retryAfter, String body) {
        super(what + " answered HTTP " + status + ": " + bodyExcerpt);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
        this.retryAfter = retryAfter;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** The redacted error body (bounded), where {@link #bodyExcerpt} would cut a structured error short. */
    public String body() {
        return body;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
