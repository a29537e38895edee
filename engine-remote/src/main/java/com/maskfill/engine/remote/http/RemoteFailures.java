package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;

/**
 * Turns what went wrong on the wire into the engine contract's categories: 401/403 → AUTHENTICATION,
 * 402/429 → QUOTA, other 4xx → INVALID_INPUT, 5xx and unusable answers → PROVIDER_FAILED, IO and timeouts →
 * NETWORK, cancellation → CANCELLED. Every message passes the engine's {@link Redactor} once more.
 */
public final class RemoteFailures {

    private final String provider;
    private final String credentialHint;
    private final Redactor redactor;

    /**
     * @param credentialHint what the user should check on an authentication failure, e.g. the variable names
     */
    public RemoteFailures(String provider, String credentialHint, Redactor redactor) {
        this.provider = provider;
        this.credentialHint = credentialHint;
        this.redactor = redactor;
    }

    public EngineException toEngineException(IOException failure) {
        if (failure instanceof CallCancelledException) {
            return EngineException.cancelled();
        }
        if (failure instanceof ProviderFailure reported) {
            return make(reported.category(), reported.getMessage(), reported.providerDetail(), failure);
        }
        if (failure instanceof HttpStatusException status) {
            return fromStatus(status);
        }
        if (failure instanceof MalformedResponseException) {
            return make(Category.PROVIDER_FAILED, provider + " sent an answer Maskfill cannot use", failure.getMessage(), failure);
        }
        if (failure instanceof JobTimeoutException) {
            return make(Category.NETWORK, failure.getMessage(), null, failure);
        }
        if (failure instanceof UnknownHostException) {
            return make(Category.NETWORK, "Cannot reach " + provider + ": unknown host " + failure.getMessage(), null, failure);
        }
        if (failure instanceof InterruptedIOException) {
            return make(Category.NETWORK, provider + " did not answer in time", failure.getMessage(), failure);
        }
        return make(Category.NETWORK, "Connection to " + provider + " failed", String.valueOf(failure.getMessage()), failure);
    }

    private EngineException fromStatus(HttpStatusException e) {
        int code = e.status();
        String detail = e.getMessage();
        return switch (code) {
            case 401, 403 -> make(Category.AUTHENTICATION, provider + " refused the credentials (HTTP " + code
                    + "); check " + credentialHint, detail, e);
            case 402 -> make(Category.QUOTA, provider + " reports no credit left (HTTP 402)", detail, e);
            case 429 -> make(Category.QUOTA, provider + " is limiting requests (HTTP 429)"
                    + e.retryAfter().map(d -> "; it asks to wait " + d.toSeconds() + " s").orElse(""), detail, e);
            default -> code >= 400 && code < 500 && code != 404 && code != 408
                    ? make(Category.INVALID_INPUT, provider + " rejected the request (HTTP " + code + ")", detail, e)
                    : make(Category.PROVIDER_FAILED, provider + " failed (HTTP " + code + ")", detail, e);
        };
    }

    private EngineException make(Category category, String message, String detail, Throwable cause) {
        return new EngineException(category, redactor.redact(message), redactor.redact(detail), safe(cause));
    }

    /**
     * The cause chain as it will be logged: any link whose message holds a credential is replaced by a
     * copy with the message redacted (same type name in the text, same stack trace).
     */
    private Throwable safe(Throwable cause) {
        if (cause == null) {
            return null;
        }
        Throwable next = safe(cause.getCause() == cause ? null : cause.getCause());
        String message = cause.getMessage();
        String redacted = redactor.redact(message);
        if (next == cause.getCause() && (message == null || message.equals(redacted))) {
            return cause;
        }
        IOException copy = new IOException(cause.getClass().getName() + ": " + redacted, next);
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }
}
