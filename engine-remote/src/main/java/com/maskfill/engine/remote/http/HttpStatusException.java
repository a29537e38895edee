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
        this(what, status, bodyExcerpt, bodyExcerpt, retryAfter);
    }

    /** @param body the whole error body (as far as it was read), already redacted, for a provider's own reading */
    public HttpStatusException(String what, int status, String bodyExcerpt, String body, Duration retryAfter) {
        super(what + " answered HTTP " + status + ": " + bodyExcerpt);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** The redacted error body, so a provider can read its fields (FastAPI's {@code detail}, say); never shown raw. */
    public String body() {
        return body == null ? "" : body;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
