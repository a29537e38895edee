package com.maskfill.engine.api.engine;

import java.util.Objects;

/**
 * The answer to "Test connection" ({@link EngineProvider#testConnection}): one short sentence for the settings
 * dialog. Never holds a credential.
 *
 * @param outcome what happened
 * @param message what to tell the user, e.g. "Connected: balance 12.50 USD" or "The key was refused (HTTP 401)"
 */
public record ConnectionCheck(Outcome outcome, String message) {

    public enum Outcome {
        /** The provider answered and accepted the key. */
        PASSED,
        /** The key was refused, the provider could not be reached, or something is missing. */
        FAILED,
        /** The engine has no way to check without running a job (and nothing was sent). */
        NOT_AVAILABLE
    }

    public ConnectionCheck {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    public static ConnectionCheck passed(String message) {
        return new ConnectionCheck(Outcome.PASSED, message);
    }

    public static ConnectionCheck failed(String message) {
        return new ConnectionCheck(Outcome.FAILED, message);
    }

    public static ConnectionCheck notAvailable(String message) {
        return new ConnectionCheck(Outcome.NOT_AVAILABLE, message);
    }
}
