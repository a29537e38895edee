package com.maskfill.app.settings;

import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.DiscoveredChoices;
import com.maskfill.engine.api.engine.EndpointPolicy;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineSetting;
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
                : provider.readiness(context(credentials, endpoints.apply(engineId), options.apply(engineId)));
    }

    /**
     * "Test connection" with what the settings dialog shows: keys typed but not yet saved take the place of stored
     * ones, and the base URL in the form is used. Blocks for up to a few seconds, so call it off the FX thread.
     *
     * @param endpoint the base URL in the form; blank for the documented one
     */
    public ConnectionCheck test(String engineId, Map<String, String> typedKeys, String endpoint) {
        return test(engineId, typedKeys, endpoint, options.apply(engineId));
    }

    /** {@link #test(String, Map, String)} with the plain settings in the form (more servers, trusted plain http). */
    public ConnectionCheck test(String engineId, Map<String, String> typedKeys, String endpoint,
                                Map<String, String> formOptions) {
        EngineProvider provider = providers.get(engineId);
        if (provider == null) {
            return ConnectionCheck.notAvailable("This engine has no connection to test.");
        }
        Optional<String> problem = endpointProblem(endpoint, formOptions);
        if (problem.isPresent()) {
            return ConnectionCheck.failed("Fix the base URL first: " + problem.get());
        }
        return provider.testConnection(context(typedOrStored(typedKeys), endpoint, formOptions));
    }

    /**
     * The values of the engine's {@link com.maskfill.engine.api.engine.EngineSetting.Kind#DISCOVERED} settings,
     * read from its server with what the settings dialog shows. Blocks for up to a few seconds: off the FX thread.
     */
    public DiscoveredChoices discover(String engineId, Map<String, String> typedKeys, String endpoint,
                                      Map<String, String> formOptions) {
        EngineProvider provider = providers.get(engineId);
        if (provider == null) {
            return DiscoveredChoices.none("This engine has nothing to look up.");
        }
        Optional<String> problem = endpointProblem(endpoint, formOptions);
        if (problem.isPresent()) {
            return DiscoveredChoices.failed("Fix the base URL first: " + problem.get());
        }
        return provider.discoverChoices(context(typedOrStored(typedKeys), endpoint, formOptions));
    }

    /** Keys typed but not yet saved take the place of stored ones. */
    private CredentialSource typedOrStored(Map<String, String> typedKeys) {
        CredentialSource typed = CredentialSource.of(typedKeys);
        return name -> typed.find(name).or(() -> credentials.find(name));
    }

    private static Optional<String> endpointProblem(String endpoint, Map<String, String> options) {
        return endpoint == null || endpoint.isBlank() ? Optional.empty()
                : EndpointPolicy.problemWith(endpoint, trustsPlainHttp(options));
    }

    /** The user's trust in the network for plain http (a studio's LAN server) widens what a valid base URL is. */
    private static boolean trustsPlainHttp(Map<String, String> options) {
        return "true".equalsIgnoreCase(options.getOrDefault(EngineSetting.TRUST_PLAIN_HTTP, "").strip());
    }

    /** Where to get a key for the engine, when its provider says. */
    public Optional<URI> keyPage(String engineId) {
        return Optional.ofNullable(providers.get(engineId)).flatMap(EngineProvider::keyPage);
    }

    private EngineContext context(CredentialSource source, String endpoint, Map<String, String> options) {
        EngineContext.Builder context = EngineContext.builder().credentials(source);
        options.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                context.option(key, value.strip());
            }
        });
        // A base URL the settings dialog would refuse is left out here; the job itself reports it.
        if (endpoint != null && !endpoint.isBlank() && endpointProblem(endpoint, options).isEmpty()) {
            context.endpoint(EndpointPolicy.parse(endpoint, trustsPlainHttp(options)));
        }
        return context.build();
    }
}
