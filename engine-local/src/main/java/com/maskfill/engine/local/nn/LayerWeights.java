package com.maskfill.engine.local.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.weights.TensorSource;
import com.maskfill.engine.local.weights.WeightArrays;

/**
 * Where and how a component's weights are loaded: small tensors (norm scales, biases of embedders) as float32 in
 * {@code resident}; linear-layer weights in {@code storage} format in {@code linears}, which is the same manager when
 * the component is resident on its device, or a host manager when its layers are streamed to the device one at a
 * time (local-engine.md §4).
 *
 * @param compute the dtype linear layers compute in ({@link Linear#compute()})
 */
public record LayerWeights(NDManager resident, NDManager linears, WeightStorage storage, DataType compute,
        Int8WeightCache int8Cache) {

    /** Without an int8 cache. */
    public LayerWeights(NDManager resident, NDManager linears, WeightStorage storage, DataType compute) {
        this(resident, linears, storage, compute, null);
    }

    /** Everything float32 in one manager: the reference policy. */
    public static LayerWeights fp32(NDManager manager) {
        return new LayerWeights(manager, manager, WeightStorage.FP32, DataType.FLOAT32);
    }

    public NDArray tensor(TensorSource source, String name, long... shape) {
        return WeightArrays.load(resident, source, name, shape);
    }

    public Linear linear(TensorSource source, String name, long out, long in, boolean withBias) {
        boolean cached = storage == WeightStorage.INT8 && int8Cache != null && int8Cache.has(name);
        float[] values = cached ? null : source.readFloat32(name + ".weight", out, in);
        NDArray bias = withBias ? WeightArrays.load(linears, source, name + ".bias", out) : null;
        NDArray scales = null;
        NDArray weight;
        switch (storage) {
            case FP32 -> weight = linears.create(values, new Shape(out, in));
            case FP16 -> weight = toHalf(values, out, in);
            case INT8 -> {
                Int8Weights q = int8Cache != null ? int8Cache.get(name, values, (int) out, (int) in)
                        : Int8Weights.quantize(values, (int) out, (int) in);
                weight = linears.create(q.values(), new Shape(out, in));
                scales = linears.create(q.scales(), new Shape(out, 1));
            }
            default -> throw new IllegalStateException(storage.toString());
        }
        weight.setName(name + ".weight");
        return new Linear(weight, bias, scales, compute);
    }

    /** float16 built on the host, then moved: a float32 copy of a large weight never occupies the device. */
    private NDArray toHalf(float[] values, long out, long in) {
        try (NDManager host = NDManager.newBaseManager(Device.cpu())) {
            NDArray half = host.create(values, new Shape(out, in)).toType(DataType.FLOAT16, false);
            NDArray placed = half.toDevice(linears.getDevice(), true);
            placed.attach(linears);
            return placed;
        }
    }
}
