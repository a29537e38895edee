package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.SubmittedJob;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;

/**
 * Turns what went wrong on the wire into the engine contract's categories: 401/403 → AUTHENTICATION,
 * 402/429 → QUOTA, other 4xx → INVALID_INPUT, 5xx and unusable answers → PROVIDER_FAILED, IO and timeouts →
 * NETWORK, cancellation → CANCELLED. Every message passes the engine's {@link Redactor} once more, and so does
 * every message in the cause chain (suppressed exceptions included), since the app logs the chain.
 */
public final class RemoteFailures {

    private final String provider;
    private final String credentialHint;
    private final Redactor redactor;
    private final ProviderErrors providerErrors;

    /**
     * @param credentialHint what the user should check on an authentication failure, e.g. the variable names
     */
    public RemoteFailures(String provider, String credentialHint, Redactor redactor) {
        this(provider, credentialHint, redactor, ProviderErrors.NONE);
    }

    /** @param providerErrors the provider's own reading of error answers, asked before the mapping by status */
    public RemoteFailures(String provider, String credentialHint, Redactor redactor, ProviderErrors providerErrors) {
        this.provider = provider;
        this.credentialHint = credentialHint;
        this.redactor = redactor;
        this.providerErrors = providerErrors;
    }

    /**
     * @param sent the job as far as it is known when {@code failure} may have come after the provider got the
     *             submission (its seed, and engine), or null before any submission
     */
    public EngineException toEngineException(IOException failure, SubmittedJob sent) {
        if (failure instanceof SubmitUnconfirmedException && sent != null) {
            return make(Category.NETWORK, provider + " may have received the job, but its answer never arrived: "
                    + "check " + provider + "'s dashboard before you retry (a new submission is a new charge)",
                    failure.getMessage(), failure, sent);
        }
        if (failure instanceof UnfinishedJobException unfinished) {
            SubmittedJob job = unfinished.job();
            return make(Category.NETWORK, "Lost contact with " + provider + " while "
                    + job.id().map(id -> "job " + id).orElse("the job") + " was running or its results were downloading; its results can still be fetched without a new charge",
                    toEngineException((IOException) unfinished.getCause(), null).getMessage(), failure, job);
        }
        return toEngineException(failure);
    }

    /** A programming error or library refusal: redacted like everything else, never shown raw. */
    public EngineException unexpected(RuntimeException failure) {
        return make(Category.PROVIDER_FAILED, provider + ": unexpected failure (" + failure.getClass().getSimpleName()
                + ")", failure.getMessage(), failure, null);
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
        var read = providerErrors.read(e);
        if (read.isPresent()) {
            ProviderFailure failure = read.get();
            String message = failure.category() == Category.AUTHENTICATION
                    ? failure.getMessage() + "; check " + credentialHint : failure.getMessage();
            return make(failure.category(), message, failure.providerDetail(), e);
        }
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
        return make(category, message, detail, cause, null);
    }

    private EngineException make(Category category, String message, String detail, Throwable cause, SubmittedJob job) {
        return new EngineException(category, redactor.redact(message), redactor.redact(detail), safe(cause), job);
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
        if (next == cause.getCause() && (message == null || message.equals(redacted)) && !hasSuppressed(cause)) {
            return cause;
        }
        IOException copy = new IOException(cause.getClass().getName() + ": " + redacted, next);
        copy.setStackTrace(cause.getStackTrace());
        for (Throwable suppressed : cause.getSuppressed()) {
            copy.addSuppressed(safe(suppressed));
        }
        return copy;
    }

    private static boolean hasSuppressed(Throwable t) {
        return t.getSuppressed().length > 0;
    }
}
