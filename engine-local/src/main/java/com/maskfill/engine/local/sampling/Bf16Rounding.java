package com.maskfill.engine.local.sampling;

import ai.djl.ndarray.NDArray;
import com.maskfill.engine.local.weights.FloatFormats;

/**
 * Rounds float32 arrays to bf16 values (kept as float32), in Java because DJL's PyTorch engine cannot hold bf16. For
 * parity runs against the bf16 reference, which casts the conditioning to bf16.
 */
public final class Bf16Rounding {

    private Bf16Rounding() {
    }

    /** A new array in {@code x}'s manager holding bf16(x). */
    public static NDArray round(NDArray x) {
        float[] values = x.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = FloatFormats.roundToBf16(values[i]);
        }
        return x.getManager().create(values, x.getShape());
    }
}
