package com.maskfill.app.settings;

import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.EndpointPolicy;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.Readiness;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Asks the engines themselves whether they are set up, with the keys, settings and base URL a job would get,
 * so the editor knows which engine can run without hard-coding any engine's needs. An engine this class has no
 * provider for (one a test made up) has nothing to check and counts as ready.
 */
public final class EngineReadiness {

    private final Map<String, EngineProvider> providers = new LinkedHashMap<>();
    private final CredentialSource credentials;
    private final Function<String, Map<String, String>> options;
    private final Function<String, String> endpoints;

    /**
     * @param credentials where jobs get their keys (the store, then environment variables)
     * @param options     an engine's plain settings by its id
     * @param endpoints   an engine's base URL override by its id (null or blank: the documented one)
     */
    public EngineReadiness(List<EngineProvider> providers, CredentialSource credentials,
                           Function<String, Map<String, String>> options, Function<String, String> endpoints) {
        providers.forEach(p -> this.providers.put(p.id(), p));
        this.credentials = credentials;
        this.options = options;
        this.endpoints = endpoints;
    }

    /** Offline and cheap (see {@link EngineProvider#readiness}). */
    public Readiness of(String engineId) {
        EngineProvider provider = providers.get(engineId);
        return provider == null ? Readiness.READY
                : provider.readiness(context(engineId, credentials, endpoints.apply(engineId)));
    }

    /**
     * "Test connection" with what the settings dialog shows: keys typed but not yet saved take the place of stored
     * ones, and the base URL in the form is used. Blocks for up to a few seconds, so call it off the FX thread.
     *
     * @param endpoint the base URL in the form; blank for the documented one
     */
    public ConnectionCheck test(String engineId, Map<String, String> typedKeys, String endpoint) {
        EngineProvider provider = providers.get(engineId);
        if (provider == null) {
            return ConnectionCheck.notAvailable("This engine has no connection to test.");
        }
        if (endpoint != null && !endpoint.isBlank() && EndpointPolicy.problemWith(endpoint).isPresent()) {
            return ConnectionCheck.failed("Fix the base URL first: " + EndpointPolicy.problemWith(endpoint).get());
        }
        CredentialSource typed = CredentialSource.of(typedKeys);
        CredentialSource source = name -> typed.find(name).or(() -> credentials.find(name));
        return provider.testConnection(context(engineId, source, endpoint));
    }

    /** Where to get a key for the engine, when its provider says. */
    public Optional<URI> keyPage(String engineId) {
        return Optional.ofNullable(providers.get(engineId)).flatMap(EngineProvider::keyPage);
    }

    private EngineContext context(String engineId, CredentialSource source, String endpoint) {
        EngineContext.Builder context = EngineContext.builder().credentials(source);
        options.apply(engineId).forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                context.option(key, value.strip());
            }
        });
        // A base URL the settings dialog would refuse is left out here; the job itself reports it.
        if (endpoint != null && !endpoint.isBlank() && EndpointPolicy.problemWith(endpoint).isEmpty()) {
            context.endpoint(EndpointPolicy.parse(endpoint));
        }
        return context.build();
    }
}
