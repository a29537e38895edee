package com.maskfill.app.model;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineSetting;
import java.util.List;

/**
 * An engine the picker offers.
 *
 * @param credentialNames the keys it needs (e.g. {@code WAVESPEED_API_KEY}), for the engine settings
 * @param capabilities    what it accepts, so the side panel can adapt (step and guidance ranges, images)
 */
public record EngineChoice(String id, String displayName, Capabilities capabilities) {

    /** An engine accepting everything a request may hold, with these keys; for tests. */
    public EngineChoice(String id, String displayName, List<String> credentialNames) {
        this(id, displayName, withKeys(credentialNames).build());
    }

    public static EngineChoice of(EngineProvider provider) {
        return new EngineChoice(provider.id(), provider.displayName(), provider.capabilities());
    }

    /** The keys it needs (e.g. {@code WAVESPEED_API_KEY}), for the engine settings. */
    public List<String> credentialNames() {
        return capabilities.credentialNames();
    }

    /** Its plain settings (e.g. the local engine's model folder), for the engine settings. */
    public List<EngineSetting> settings() {
        return capabilities.settings();
    }

    static Capabilities.Builder withKeys(List<String> credentialNames) {
        Capabilities.Builder builder = Capabilities.builder();
        credentialNames.forEach(builder::credential);
        return builder;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
