package com.maskfill.engine.local.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.maskfill.engine.local.nn.Ops;
import com.maskfill.engine.local.weights.TensorSource;
import com.maskfill.engine.local.weights.WeightArrays;

/** GroupNorm(32 groups, eps 1e-6, affine) as every norm of the FLUX autoencoder; gamma and beta kept as (C, 1, 1). */
record GroupNorm(NDArray gamma, NDArray beta) {

    private static final int GROUPS = 32;

    static GroupNorm load(NDManager m, TensorSource s, String name, long channels) {
        return new GroupNorm(WeightArrays.load(m, s, name + ".weight", channels).reshape(channels, 1, 1),
                WeightArrays.load(m, s, name + ".bias", channels).reshape(channels, 1, 1));
    }

    NDArray apply(NDArray x) {
        return Ops.groupNorm(x, GROUPS, gamma, beta, 1e-6f);
    }
}
