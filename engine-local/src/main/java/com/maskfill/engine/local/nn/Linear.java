package com.maskfill.engine.local.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.maskfill.engine.local.weights.TensorSource;
import com.maskfill.engine.local.weights.WeightArrays;

/** A linear layer's float32 weight [out, in] and bias [out] (bias may be null). */
public record Linear(NDArray weight, NDArray bias) {

    public static Linear load(NDManager manager, TensorSource source, String name, long out, long in, boolean bias) {
        return new Linear(WeightArrays.load(manager, source, name + ".weight", out, in),
                bias ? WeightArrays.load(manager, source, name + ".bias", out) : null);
    }

    public NDArray apply(NDArray x) {
        return Ops.linear(x, weight, bias);
    }
}
