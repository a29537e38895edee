package com.maskfill.engine.api.engine;

/**
 * An engine implementation, found at run time through {@link java.util.ServiceLoader}.
 * The app has no compile-time dependency on any engine module; it lists whatever providers
 * are on the class path.
 */
public interface EngineProvider {

    /** Stable identifier used on the command line and in settings, e.g. {@code "wavespeed"}. */
    String id();

    /** Name shown to the user in the engine picker. */
    String displayName();
}
