package com.maskfill.engine.api.engine;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the app hands an {@link EngineProvider} when it creates an engine: credentials (through an
 * interface, never a global), an optional endpoint override (a fake server in tests, a proxy, a
 * self-hosted instance) and free-form engine options (e.g. a local model directory). Options are plain
 * settings and are printed by {@link #toString()}; secrets belong in the {@link CredentialSource}.
 */
public final class EngineContext {

    private final CredentialSource credentials;
    private final URI endpoint;
    private final Map<String, String> options;

    private EngineContext(Builder b) {
        this.credentials = b.credentials;
        this.endpoint = b.endpoint;
        this.options = Map.copyOf(b.options);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No credentials, default endpoint, no options. */
    public static EngineContext empty() {
        return builder().build();
    }

    public CredentialSource credentials() {
        return credentials;
    }

    /** Base URL to use instead of the provider's public one. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public Map<String, String> options() {
        return options;
    }

    @Override
    public String toString() {
        // A user:password@ in the URL (refused by EndpointPolicy, but a caller may not have asked it) is not printed.
        String shown = endpoint == null ? "default" : endpoint.getRawUserInfo() == null ? endpoint.toString()
                : endpoint.toString().replace(endpoint.getRawUserInfo() + "@", "***@");
        return "EngineContext[endpoint=" + shown + ", options=" + options + "]";
    }

    public static final class Builder {
        private CredentialSource credentials = CredentialSource.none();
        private URI endpoint;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder credentials(CredentialSource credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder option(String key, String value) {
            this.options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public EngineContext build() {
            return new EngineContext(this);
        }
    }
}
