package com.maskfill.engine.local.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Tensors of a checkpoint as float32 NDArrays. Every dtype is converted in Java first: DJL's PyTorch engine aborts
 * the JVM on a bf16 array (local-engine.md §0.1), and fp16 compute on a CPU is ~100x slower than fp32.
 */
public final class WeightArrays {

    private WeightArrays() {
    }

    /** The tensor as a float32 array of exactly {@code shape} (checked), owned by {@code manager}. */
    public static NDArray load(NDManager manager, TensorSource source, String name, long... shape) {
        float[] values = source.readFloat32(name, shape);
        NDArray array = manager.create(values, new Shape(shape));
        array.setName(name);
        return array;
    }

    /** The tensor as float32 in whatever shape the file gives. */
    public static NDArray load(NDManager manager, TensorSource source, String name) {
        return load(manager, source, name, source.info(name).shape());
    }
}
