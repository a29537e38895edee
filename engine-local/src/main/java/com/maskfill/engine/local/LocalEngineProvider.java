package com.maskfill.engine.local;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineProvider;

/**
 * The local engine, id {@value #ID}: FLUX.1 Fill [dev] on this computer's GPU (or CPU), from the user's own copy of
 * the weights. Options: see {@link LocalEngineOptions}. No credentials.
 */
public final class LocalEngineProvider implements EngineProvider {

    public static final String ID = "local";

    /** Cheap, as ServiceLoader requires: nothing is read until {@link #create}. */
    public LocalEngineProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "FLUX.1 Fill [dev] on this computer";
    }

    @Override
    public Capabilities capabilities() {
        return capabilities(LocalEngineOptions.DEFAULT_MIN_SIDE);
    }

    /** Any multiple of 16 up to 2048 px; no LoRAs yet; no safety checker to switch off. */
    static Capabilities capabilities(int minSide) {
        return Capabilities.builder().sideRange(minSide, 2048).sizeMultiple(16).maxLoras(0).cancellable(true)
                .reportsSteps(true).safetyCheckerOptional(true).build();
    }

    /** Checks the options and the files' headers; weights are loaded by the first fill. */
    @Override
    public Engine create(EngineContext context) throws EngineException {
        return new LocalEngine(LocalEngineOptions.from(context));
    }
}
