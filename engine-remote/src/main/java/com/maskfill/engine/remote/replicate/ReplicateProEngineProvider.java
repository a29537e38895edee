package com.maskfill.engine.remote.replicate;

/** {@code replicate-pro}: {@code black-forest-labs/flux-fill-pro} on Replicate. */
public final class ReplicateProEngineProvider extends ReplicateEngineProvider {

    public ReplicateProEngineProvider() {
        super(ReplicateModel.PRO);
    }
}
