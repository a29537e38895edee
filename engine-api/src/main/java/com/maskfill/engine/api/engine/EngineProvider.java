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
}
