package com.maskfill.engine.api.engine;

import java.util.Map;
import java.util.Optional;

/**
 * Where an engine gets its credentials from: the app's key store, environment variables for the CLI, a map
 * in tests. Handed to each engine in its {@link EngineContext}, never read from a global. Names are the ones
 * the engine lists in {@link Capabilities#credentialNames()}.
 */
@FunctionalInterface
public interface CredentialSource {

    Optional<Secret> find(String name);

    /** The credential, or an {@link EngineException.Category#AUTHENTICATION} failure naming what is missing. */
    default Secret require(String name, String engineName) throws EngineException {
        return optional(name, engineName).orElseThrow(() -> new EngineException(EngineException.Category.AUTHENTICATION,
                engineName + " needs a credential named \"" + name + "\": add it in the engine settings"));
    }

    /**
     * The credential when there is one. A value that cannot be a key (see {@link Secret#problemWith}) is an
     * {@link EngineException.Category#AUTHENTICATION} failure that names the credential, never its value.
     */
    default Optional<Secret> optional(String name, String engineName) throws EngineException {
        try {
            return find(name);
        } catch (IllegalArgumentException e) {
            throw new EngineException(EngineException.Category.AUTHENTICATION,
                    engineName + ": the credential \"" + name + "\" cannot be used: " + e.getMessage());
        }
    }

    /** No credentials at all. */
    static CredentialSource none() {
        return name -> Optional.empty();
    }

    /**
     * Fixed values, e.g. from environment variables or in tests; blank values count as absent. A value that
     * cannot be a key is refused when looked up ({@link #require} and {@link #optional} name it).
     */
    static CredentialSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name)).filter(v -> !v.isBlank()).map(Secret::of);
    }
}
