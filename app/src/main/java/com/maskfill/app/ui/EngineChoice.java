package com.maskfill.app.ui;

import com.maskfill.engine.api.engine.EngineProvider;

/** An engine the picker offers. */
public record EngineChoice(String id, String displayName) {

    public static EngineChoice of(EngineProvider provider) {
        return new EngineChoice(provider.id(), provider.displayName());
    }

    @Override
    public String toString() {
        return displayName;
    }
}
