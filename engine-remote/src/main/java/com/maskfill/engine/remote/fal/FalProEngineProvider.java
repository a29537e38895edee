package com.maskfill.engine.remote.fal;

/** {@code fal-pro}: {@code fal-ai/flux-pro/v1/fill} (FLUX.1 Fill [pro]) on fal's queue. */
public final class FalProEngineProvider extends FalEngineProvider {

    public FalProEngineProvider() {
        super(FalModel.PRO);
    }
}
