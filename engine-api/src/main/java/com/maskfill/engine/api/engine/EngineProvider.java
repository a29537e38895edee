package com.maskfill.engine.api.engine;

/**
 * An engine implementation, found at run time through {@link java.util.ServiceLoader}.
 * The app has no compile-time dependency on any engine module; it lists whatever providers
 * are on the class path (see {@link EngineProviders}). An implementation registers itself in
 * {@code META-INF/services/com.maskfill.engine.api.engine.EngineProvider} and needs a public
 * no-argument constructor; that constructor must be cheap (no network, no weights).
 */
public interface EngineProvider {

    /** Stable identifier used on the command line and in settings, e.g. {@code "wavespeed"}. */
    String id();

    /** Name shown to the user in the engine picker. */
    String displayName();

    /** What the engine accepts, known before any engine is created, so the editor can adapt its controls. */
    Capabilities capabilities();

    /**
     * Creates a ready engine. Cheap for hosted engines; a local engine may load weights here.
     *
     * @throws EngineException e.g. {@link EngineException.Category#AUTHENTICATION} when a required
     *                         credential is missing
     */
    Engine create(EngineContext context) throws EngineException;

    /**
     * Whether {@link #create} and a first job could work with {@code context}, judged offline and cheaply: no
     * network, no weights loaded (a few file checks at most), so the editor may ask for every engine at start.
     * By default an engine is ready when every credential its capabilities name is present; an engine with an
     * optional credential, or with other needs (a model folder), says so itself.
     */
    default Readiness readiness(EngineContext context) {
        for (String name : capabilities().credentialNames()) {
            try {
                if (context.credentials().find(name).isEmpty()) {
                    return Readiness.notSetUp("needs an API key (" + name + ")");
                }
            } catch (IllegalArgumentException e) {
                return Readiness.notSetUp("the stored key " + name + " cannot be used");
            }
        }
        return Readiness.READY;
    }

    /**
     * One cheap call that proves the key works without submitting a job or costing money (an account or balance
     * lookup), for the settings dialog's "Test connection". Blocks for up to a few seconds; never throws.
     * By default there is no such call and nothing is sent.
     */
    default ConnectionCheck testConnection(EngineContext context) {
        return ConnectionCheck.notAvailable(displayName() + " has no connection to test.");
    }

    /**
     * The values of the engine's {@link EngineSetting.Kind#DISCOVERED} settings, read from its server (nothing is
     * queued or charged), with the picks the engine makes when they are left empty, for the settings dialog.
     * Blocks for up to a few seconds; never throws. By default there is nothing to look up and nothing is sent.
     */
    default DiscoveredChoices discoverChoices(EngineContext context) {
        return DiscoveredChoices.none(displayName() + " has nothing to look up on a server.");
    }

    /** Where a user gets a key for this engine (the provider's dashboard), when it needs one. */
    default java.util.Optional<java.net.URI> keyPage() {
        return java.util.Optional.empty();
    }
}
