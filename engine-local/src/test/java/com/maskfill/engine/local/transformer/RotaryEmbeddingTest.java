package com.maskfill.engine.local.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rotation against the reference's apply_rope, written out in float32 per pair. */
class RotaryEmbeddingTest {

    private static final int[] AXES = {4, 6, 6};
    private static final double THETA = 10_000;

    @Test
    void rotatesEachPairAsTheReferenceBitForBit() {
        int tokens = 5;
        int heads = 2;
        int dim = 16;
        float[] ids = new float[tokens * 3];
        for (int t = 0; t < tokens; t++) {
            ids[3 * t] = t % 2;
            ids[3 * t + 1] = t;
            ids[3 * t + 2] = 7 - t;
        }
        Random r = new Random(8);
        float[] x = new float[heads * tokens * dim];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        try (NDManager m = NDManager.newBaseManager();
                RotaryEmbedding rope = RotaryEmbedding.of(m, m.create(ids, new Shape(1, tokens, 3)), AXES, THETA)) {
            int held = ((BaseNDManager) m).getManagedArrays().size();
            float[] y = rope.rotate(m.create(x, new Shape(1, heads, tokens, dim))).toFloatArray();
            assertEquals(held + 2, ((BaseNDManager) m).getManagedArrays().size(), "input and result; the swap is freed");
            float[] expected = new float[x.length];
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < tokens; t++) {
                    int pair = 0;
                    for (int a = 0; a < AXES.length; a++) {
                        for (int k = 0; k < AXES[a] / 2; k++, pair++) {
                            double angle = ids[3 * t + a] * (1.0 / Math.pow(THETA, (2.0 * k) / AXES[a]));
                            float cos = (float) Math.cos(angle);
                            float sin = (float) Math.sin(angle);
                            int at = (h * tokens + t) * dim + 2 * pair;
                            // reference: freqs_cis[..., 0] * x_[..., 0] + freqs_cis[..., 1] * x_[..., 1]
                            expected[at] = cos * x[at] + -sin * x[at + 1];
                            expected[at + 1] = sin * x[at] + cos * x[at + 1];
                        }
                    }
                }
            }
            assertArrayEquals(expected, y);
        }
    }
}
