package com.maskfill.engine.remote.wavespeed;

/** {@code wavespeed-v2}: WaveSpeedAI's legacy v2 {@code wavespeed-ai/flux-dev-fill}. */
public final class WaveSpeedV2EngineProvider extends WaveSpeedEngineProvider {

    public WaveSpeedV2EngineProvider() {
        super(WaveSpeedModel.V2);
    }
}
