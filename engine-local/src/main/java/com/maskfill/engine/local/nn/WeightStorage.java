package com.maskfill.engine.local.nn;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * How linear-layer weights are held between uses (local-engine.md §3.3, §4): float32, float16 (half the memory;
 * bf16 checkpoints lose nothing in the normal range), or int8 with one float32 scale per output row (a quarter).
 * Compact weights are converted per layer when it runs.
 */
public enum WeightStorage {
    FP32(4, DataType.FLOAT32),
    FP16(2, DataType.FLOAT16),
    INT8(1, DataType.INT8);

    private final int bytesPerWeight;
    private final DataType dataType;

    WeightStorage(int bytesPerWeight, DataType dataType) {
        this.bytesPerWeight = bytesPerWeight;
        this.dataType = dataType;
    }

    public int bytesPerWeight() {
        return bytesPerWeight;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The option value: {@code fp32}, {@code fp16}, {@code int8}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
