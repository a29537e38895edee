package com.maskfill.app.ui;

import com.maskfill.engine.api.engine.EngineProvider;
import java.util.List;

/**
 * An engine the picker offers.
 *
 * @param credentialNames the keys it needs (e.g. {@code WAVESPEED_API_KEY}), for the engine settings
 */
public record EngineChoice(String id, String displayName, List<String> credentialNames) {

    public EngineChoice {
        credentialNames = List.copyOf(credentialNames);
    }

    public static EngineChoice of(EngineProvider provider) {
        return new EngineChoice(provider.id(), provider.displayName(), provider.capabilities().credentialNames());
    }

    @Override
    public String toString() {
        return displayName;
    }
}
