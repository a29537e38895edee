package com.maskfill.engine.api.engine;

import java.util.Objects;

/**
 * Whether an engine can run a job with the settings and keys it would be given, judged offline and cheaply
 * (see {@link EngineProvider#readiness}), so the editor never sends a new user into a job that must fail.
 *
 * @param ready  true when nothing known is missing (a key may still be refused by the provider)
 * @param reason when not ready, what is missing, in one short phrase for the engine picker and the setup card,
 *               e.g. "needs an API key (WAVESPEED_API_KEY)"; empty when ready. Never holds a credential.
 */
public record Readiness(boolean ready, String reason) {

    /** Nothing known is missing. */
    public static final Readiness READY = new Readiness(true, "");

    public Readiness {
        Objects.requireNonNull(reason, "reason");
        if (!ready && reason.isBlank()) {
            throw new IllegalArgumentException("an engine that is not ready says why");
        }
    }

    public static Readiness notSetUp(String reason) {
        return new Readiness(false, reason);
    }
}
