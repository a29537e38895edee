package com.maskfill.engine.local.weights;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The safetensors dtypes the local engine can read, each with its exact conversion to float32. */
public enum TensorDtype {
    F64("F64", 8),
    F32("F32", 4),
    F16("F16", 2),
    BF16("BF16", 2),
    F8_E4M3("F8_E4M3", 1),
    F8_E5M2("F8_E5M2", 1),
    I64("I64", 8),
    I32("I32", 4),
    I8("I8", 1),
    U8("U8", 1);

    private final String safetensorsName;
    private final int byteSize;

    TensorDtype(String safetensorsName, int byteSize) {
        this.safetensorsName = safetensorsName;
        this.byteSize = byteSize;
    }

    public String safetensorsName() {
        return safetensorsName;
    }

    public int byteSize() {
        return byteSize;
    }

    public static Optional<TensorDtype> fromSafetensors(String name) {
        for (TensorDtype dtype : values()) {
            if (dtype.safetensorsName.equals(name)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }

    static String supportedNames() {
        return Arrays.stream(values()).map(TensorDtype::safetensorsName).collect(Collectors.joining(", "));
    }

    /**
     * Decodes {@code count} little-endian elements from {@code source} (at its position) into {@code target} from
     * {@code offset}. Integers become the nearest float32.
     */
    void decode(ByteBuffer source, float[] target, int offset, int count) {
        int end = offset + count;
        switch (this) {
            case F64 -> {
                for (int i = offset; i < end; i++) target[i] = (float) source.getDouble();
            }
            case F32 -> source.asFloatBuffer().get(target, offset, count);
            case F16 -> {
                for (int i = offset; i < end; i++) target[i] = FloatFormats.f16ToFloat(source.getShort());
            }
            case BF16 -> {
                for (int i = offset; i < end; i++) target[i] = FloatFormats.bf16ToFloat(source.getShort());
            }
            case F8_E4M3 -> {
                for (int i = offset; i < end; i++) target[i] = FloatFormats.e4m3fnToFloat(source.get());
            }
            case F8_E5M2 -> {
                for (int i = offset; i < end; i++) target[i] = FloatFormats.e5m2ToFloat(source.get());
            }
            case I64 -> {
                for (int i = offset; i < end; i++) target[i] = source.getLong();
            }
            case I32 -> {
                for (int i = offset; i < end; i++) target[i] = source.getInt();
            }
            case I8 -> {
                for (int i = offset; i < end; i++) target[i] = source.get();
            }
            case U8 -> {
                for (int i = offset; i < end; i++) target[i] = source.get() & 0xff;
            }
        }
    }
}
