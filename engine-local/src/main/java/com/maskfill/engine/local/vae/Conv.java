package com.maskfill.engine.local.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import com.maskfill.engine.local.weights.TensorSource;
import com.maskfill.engine.local.weights.WeightArrays;

/** A 2-D convolution's float32 weight [out, in, k, k] and bias, with its stride and symmetric padding. */
record Conv(NDArray weight, NDArray bias, int stride, int padding) {

    static Conv load(NDManager m, TensorSource s, String name, long out, long in, int kernel, int stride, int padding) {
        return new Conv(WeightArrays.load(m, s, name + ".weight", out, in, kernel, kernel),
                WeightArrays.load(m, s, name + ".bias", out), stride, padding);
    }

    NDArray apply(NDArray x) {
        return Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1))
                .singletonOrThrow();
    }
}
