package com.maskfill.engine.local.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.nn.Ops;

/** FLUX's affine-free LayerNorm (eps 1e-6) with the ones/zeros DJL's layerNorm insists on, made once. */
final class LayerNormConstants {

    private final NDArray ones;
    private final NDArray zeros;

    LayerNormConstants(NDManager manager, long channels) {
        this.ones = manager.ones(new Shape(channels));
        this.zeros = manager.zeros(new Shape(channels));
    }

    NDArray apply(NDArray x) {
        return Ops.layerNorm(x, ones, zeros, 1e-6f);
    }
}
