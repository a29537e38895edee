package com.maskfill.engine.local.transformer;

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
        int half = dim / 2;
        float scaled = TIME_FACTOR * t;
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
