package com.maskfill.engine.local.transformer;

import com.maskfill.engine.local.weights.FloatFormats;

/**
 * The sinusoidal embedding of a scalar (reference timestep_embedding): {@code t' = 1000 t}, frequencies
 * {@code exp(-ln(10000) k / half)}, output {@code [cos(t' f), sin(t' f)]}, in float32 as the reference computes it.
 */
public final class TimestepEmbedding {

    private static final float TIME_FACTOR = 1000f;
    private static final double MAX_PERIOD = 10_000;

    private TimestepEmbedding() {
    }

    public static float[] of(float t, int dim) {
        return sinusoid(TIME_FACTOR * t, dim);
    }

    /**
     * The embedding as the reference computes it when the model runs in bf16 (local-engine.md §2.7): the scalar is a
     * bf16 tensor, so {@code t' = bf16(1000 * bf16(t))} (guidance 30 becomes 29952), and the sinusoid is rounded to
     * bf16. These roundings, not matrix precision, dominate the gap between a float32 engine and the bf16 reference.
     */
    public static float[] ofBf16Reference(float t, int dim) {
        float[] out = sinusoid(FloatFormats.roundToBf16(TIME_FACTOR * FloatFormats.roundToBf16(t)), dim);
        for (int i = 0; i < out.length; i++) {
            out[i] = FloatFormats.roundToBf16(out[i]);
        }
        return out;
    }

    private static float[] sinusoid(float scaled, int dim) {
        int half = dim / 2;
        float[] out = new float[dim];
        float logPeriod = (float) -Math.log(MAX_PERIOD);
        for (int k = 0; k < half; k++) {
            float freq = (float) Math.exp((logPeriod * k) / half);
            float arg = scaled * freq;
            out[k] = (float) Math.cos(arg);
            out[half + k] = (float) Math.sin(arg);
        }
        return out;
    }
}
