package com.maskfill.engine.local.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.maskfill.engine.local.weights.TensorSource;
import com.maskfill.engine.local.weights.WeightArrays;

/**
 * A linear layer: weight [out, in], bias [out] (may be null). The weight may be stored compactly (float16, or int8
 * with per-output-row {@code scales} [out, 1]) and on another device than the activations (a streamed block on the
 * host); {@link #apply} then converts it for this one call, in the activation's scope, so the full-precision copy
 * lives only while the layer runs.
 *
 * @param compute the dtype of the matrix product: float32, or float16 with the input clamped to float16's range and
 *     the result returned as float32 (the residual stream stays float32, local-engine.md §3.3)
 */
public record Linear(NDArray weight, NDArray bias, NDArray scales, DataType compute) {

    /** float16's largest finite value. */
    public static final float FP16_MAX = 65504f;

    /** A float32 layer. */
    public Linear(NDArray weight, NDArray bias) {
        this(weight, bias, null, DataType.FLOAT32);
    }

    public Linear {
        if (compute != DataType.FLOAT32 && compute != DataType.FLOAT16) {
            throw new IllegalArgumentException("a linear layer computes in float32 or float16, not " + compute);
        }
    }

    public static Linear load(NDManager manager, TensorSource source, String name, long out, long in, boolean bias) {
        return new Linear(WeightArrays.load(manager, source, name + ".weight", out, in),
                bias ? WeightArrays.load(manager, source, name + ".bias", out) : null);
    }

    public NDArray apply(NDArray x) {
        NDManager scope = x.getManager();
        Device device = x.getDevice();
        NDArray w = materialize(weight, device, compute, scope);
        if (scales != null) {
            w = w.mul(materialize(scales, device, compute, scope));
        }
        NDArray b = bias == null ? null : materialize(bias, device, compute, scope);
        if (compute == DataType.FLOAT32) {
            return Ops.linear(x, w, b);
        }
        NDArray half = x.clip(-FP16_MAX, FP16_MAX).toType(DataType.FLOAT16, false);
        // overflow guard: an infinite float16 result becomes the largest finite value instead of poisoning the stream
        return Ops.linear(half, w, b).toType(DataType.FLOAT32, false).clip(-FP16_MAX, FP16_MAX);
    }

    /** Bytes the stored weight, scales and bias take. */
    public long storedBytes() {
        long bytes = weight.getShape().size() * weight.getDataType().getNumOfBytes();
        if (scales != null) {
            bytes += scales.getShape().size() * scales.getDataType().getNumOfBytes();
        }
        if (bias != null) {
            bytes += bias.getShape().size() * bias.getDataType().getNumOfBytes();
        }
        return bytes;
    }

    /** {@code stored} on {@code device} as {@code dtype}; new arrays belong to {@code scope}. */
    private static NDArray materialize(NDArray stored, Device device, DataType dtype, NDManager scope) {
        NDArray a = stored;
        if (!a.getDevice().equals(device)) {
            a = a.toDevice(device, true);
            a.attach(scope);
        }
        if (a.getDataType() != dtype) {
            NDArray converted = a.toType(dtype, true);
            converted.attach(scope);
            a = converted;
        }
        return a;
    }
}
