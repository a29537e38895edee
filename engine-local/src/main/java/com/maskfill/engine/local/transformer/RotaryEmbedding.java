package com.maskfill.engine.local.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * FLUX's rotary position embedding over three axes (reference EmbedND / rope / apply_rope): for axis a of size d_a,
 * pair k rotates by {@code pos_a / theta^(2k/d_a)}; the per-axis pairs are concatenated (8 + 28 + 28 = 64 pairs for
 * head dim 128). Angles are computed in float64 and rounded to float32, as the reference does; pairs are interleaved
 * {@code (x_2k, x_2k+1)}, not halves. The tables hold each pair's cosine twice and its sine as {@code (-sin, +sin)}, so
 * a rotation is {@code x·cos + swap(x)·sin} with one temporary.
 */
public final class RotaryEmbedding implements AutoCloseable {

    private final NDArray cos;
    private final NDArray sin;

    private RotaryEmbedding(NDArray cos, NDArray sin) {
        this.cos = cos;
        this.sin = sin;
    }

    /**
     * Tables for the given positions.
     *
     * @param ids (1, L, axes) positions, text tokens first, as the joint sequence is ordered
     */
    public static RotaryEmbedding of(NDManager manager, NDArray ids, int[] axesDim, double theta) {
        Shape s = ids.getShape();
        if (s.dimension() != 3 || s.get(0) != 1 || s.get(2) != axesDim.length) {
            throw new IllegalArgumentException("position ids must be (1, L, " + axesDim.length + "), got " + s);
        }
        int tokens = (int) s.get(1);
        float[] pos = ids.toFloatArray();
        int pairs = 0;
        for (int d : axesDim) pairs += d / 2;
        // each pair's frequency and axis depend on the pair only, not on the token
        double[] omega = new double[pairs];
        int[] axisOf = new int[pairs];
        for (int a = 0, pair = 0; a < axesDim.length; a++) {
            for (int k = 0; k < axesDim[a] / 2; k++, pair++) {
                omega[pair] = 1.0 / Math.pow(theta, (2.0 * k) / axesDim[a]);
                axisOf[pair] = a;
            }
        }
        float[] cosTable = new float[tokens * pairs * 2];
        float[] sinTable = new float[tokens * pairs * 2];
        for (int t = 0; t < tokens; t++) {
            for (int pair = 0; pair < pairs; pair++) {
                double angle = pos[t * axesDim.length + axisOf[pair]] * omega[pair];
                int at = 2 * (t * pairs + pair);
                float cos = (float) Math.cos(angle);
                float sin = (float) Math.sin(angle);
                cosTable[at] = cos;
                cosTable[at + 1] = cos;
                sinTable[at] = -sin;
                sinTable[at + 1] = sin;
            }
        }
        Shape table = new Shape(1, 1, tokens, pairs, 2);
        return new RotaryEmbedding(manager.create(cosTable, table), manager.create(sinTable, table));
    }

    /**
     * Rotates (B, H, L, D) queries or keys: {@code (x_2k·cos - x_2k+1·sin, x_2k+1·cos + x_2k·sin)}, the reference's
     * products and sums exactly. {@code x} is a temporary of the caller's and may be overwritten: the result can
     * share its memory.
     */
    public NDArray rotate(NDArray x) {
        Shape s = x.getShape();
        try (NDArray pairs = x.reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, 2);
                NDArray swapped = pairs.flip(4)) {
            swapped.muli(sin);
            return pairs.muli(cos).addi(swapped).reshape(s);
        }
    }

    @Override
    public void close() {
        cos.close();
        sin.close();
    }
}
