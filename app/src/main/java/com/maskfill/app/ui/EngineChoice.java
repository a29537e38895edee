package com.maskfill.app.ui;

import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineSetting;
import java.util.List;

/**
 * An engine the picker offers.
 *
 * @param credentialNames the keys it needs (e.g. {@code WAVESPEED_API_KEY}), for the engine settings
 * @param settings        its plain settings (e.g. the local engine's model folder), for the engine settings
 */
public record EngineChoice(String id, String displayName, List<String> credentialNames,
                           List<EngineSetting> settings) {

    public EngineChoice {
        credentialNames = List.copyOf(credentialNames);
        settings = List.copyOf(settings);
    }

    /** An engine with keys and no other settings. */
    public EngineChoice(String id, String displayName, List<String> credentialNames) {
        this(id, displayName, credentialNames, List.of());
    }

    public static EngineChoice of(EngineProvider provider) {
        return new EngineChoice(provider.id(), provider.displayName(), provider.capabilities().credentialNames(),
                provider.capabilities().settings());
    }

    @Override
    public String toString() {
        return displayName;
    }
}
