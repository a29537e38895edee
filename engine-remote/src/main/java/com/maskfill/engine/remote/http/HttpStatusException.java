package com.maskfill.engine.remote.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** A provider answered with a non-2xx status. The message holds a redacted excerpt of the body, never a key. */
public final class HttpStatusException extends IOException {

    private final int status;
    private final String bodyExcerpt;
    private final transient Duration retryAfter;

    public HttpStatusException(String what, int status, String bodyExcerpt, Duration retryAfter) {
        super(what + " answered HTTP " + status + ": " + bodyExcerpt);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
