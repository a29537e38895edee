package com.maskfill.engine.remote;

import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.Secret;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Credentials from environment variables, for the command line and CI. The hosted engines ask for these
 * names: {@value #WAVESPEED_API_KEY}, {@value #ONEMIN_API_KEY}, {@value #WIRO_API_KEY}, {@value #WIRO_API_SECRET},
 * {@value #BFL_API_KEY}, {@value #FAL_KEY}, {@value #REPLICATE_API_TOKEN}.
 * Read on each lookup, so nothing is cached beyond the engine that asked.
 */
public final class EnvironmentCredentials implements CredentialSource {

    public static final String WAVESPEED_API_KEY = "WAVESPEED_API_KEY";
    public static final String ONEMIN_API_KEY = "ONEMIN_API_KEY";
    public static final String WIRO_API_KEY = "WIRO_API_KEY";
    public static final String WIRO_API_SECRET = "WIRO_API_SECRET";
    /** A ComfyUI server's reverse proxy: a bearer token, or user:password for basic auth (optional). */
    public static final String COMFYUI_TOKEN = "COMFYUI_TOKEN";
    public static final String BFL_API_KEY = "BFL_API_KEY";
    /** The name fal's own clients read. */
    public static final String FAL_KEY = "FAL_KEY";
    /** The name Replicate's own clients read. */
    public static final String REPLICATE_API_TOKEN = "REPLICATE_API_TOKEN";

    private final UnaryOperator<String> environment;

    public EnvironmentCredentials() {
        this(System::getenv);
    }

    EnvironmentCredentials(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public Optional<Secret> find(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Secret.of(value.strip()));
    }

    @Override
    public String toString() {
        return "EnvironmentCredentials";
    }
}
