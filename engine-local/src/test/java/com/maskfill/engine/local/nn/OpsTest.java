package com.maskfill.engine.local.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The composed primitives against their formulas in float64, and what they leave allocated. */
class OpsTest {

    private static float[] random(Random r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian() * scale;
        return v;
    }

    private static int arrays(NDManager m) {
        return ((BaseNDManager) m).getManagedArrays().size();
    }

    @Test
    void geluTanhIsTheTanhApproximationAcrossItsRange() {
        float[] x = new float[241];
        for (int i = 0; i < x.length; i++) x[i] = -12f + 0.1f * i;
        try (NDManager m = NDManager.newBaseManager()) {
            float[] y = Ops.geluTanh(m.create(x)).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                double v = x[i];
                double expected = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                assertEquals(expected, y[i], 1e-6 * Math.max(1, Math.abs(v)), "x = " + x[i]);
            }
        }
    }

    @Test
    void rmsNormDividesEachVectorByItsRootMeanSquare() {
        Random r = new Random(3);
        float[] x = random(r, 5 * 16, 2f);
        float[] scale = random(r, 16, 1f);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] y = Ops.rmsNorm(m.create(x, new Shape(5, 16)), m.create(scale), 1e-6f).toFloatArray();
            for (int row = 0; row < 5; row++) {
                double sum = 0;
                for (int c = 0; c < 16; c++) sum += (double) x[row * 16 + c] * x[row * 16 + c];
                double rms = Math.sqrt(sum / 16 + 1e-6);
                for (int c = 0; c < 16; c++) {
                    assertEquals(x[row * 16 + c] / rms * scale[c], y[row * 16 + c], 1e-5);
                }
            }
        }
    }

    @Test
    void elementwiseOpsLeaveOnlyTheirResultAllocated() {
        Random r = new Random(4);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(random(r, 6 * 32, 1f), new Shape(1, 2, 3, 32));
            NDArray scale = m.create(random(r, 32, 1f));
            float[] before = x.toFloatArray();
            int held = arrays(m);
            Ops.geluTanh(x);
            assertEquals(held + 1, arrays(m), "gelu's temporaries are freed");
            Ops.rmsNorm(x, scale, 1e-6f);
            assertEquals(held + 2, arrays(m), "rms norm's temporaries are freed");
            Ops.silu(x);
            assertEquals(held + 3, arrays(m), "silu's sigmoid holds the product");
            assertArrayEquals(before, x.toFloatArray(), "the input is left as it was");
        }
    }

    @Test
    void groupNormNormalizesEachGroupAndLeavesOnlyItsResult() {
        Random r = new Random(7);
        int channels = 4;
        int pixels = 6;
        float[] x = random(r, channels * pixels, 3f);
        float[] gamma = random(r, channels, 1f);
        float[] beta = random(r, channels, 1f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray input = m.create(x, new Shape(1, channels, 2, 3));
            NDArray g = m.create(gamma, new Shape(channels, 1, 1));
            NDArray b = m.create(beta, new Shape(channels, 1, 1));
            int held = arrays(m);
            float[] y = Ops.groupNorm(input, 2, g, b, 1e-6f).toFloatArray();
            assertEquals(held + 1, arrays(m), "the centred copy is the result; the squares are freed");
            int perGroup = 2 * pixels;
            for (int group = 0; group < 2; group++) {
                double mean = 0;
                for (int i = 0; i < perGroup; i++) mean += x[group * perGroup + i];
                mean /= perGroup;
                double variance = 0;
                for (int i = 0; i < perGroup; i++) variance += Math.pow(x[group * perGroup + i] - mean, 2);
                variance /= perGroup;
                for (int i = 0; i < perGroup; i++) {
                    int at = group * perGroup + i;
                    int channel = at / pixels;
                    double expected = (x[at] - mean) / Math.sqrt(variance + 1e-6) * gamma[channel] + beta[channel];
                    assertEquals(expected, y[at], 1e-5);
                }
            }
        }
    }

    @Test
    void chunkedAttentionEqualsWholeAndLeavesOnlyItsResult() {
        Random r = new Random(6);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray q = m.create(random(r, 2 * 9 * 8, 1f), new Shape(1, 2, 9, 8));
            NDArray k = m.create(random(r, 2 * 11 * 8, 1f), new Shape(1, 2, 11, 8));
            NDArray v = m.create(random(r, 2 * 11 * 4, 1f), new Shape(1, 2, 11, 4));
            int held = arrays(m);
            NDArray whole = Ops.attention(q, k, v, 64);
            assertEquals(held + 1, arrays(m), "scores, weights and views are freed");
            NDArray chunked = Ops.attention(q, k, v, 4);
            assertEquals(held + 2, arrays(m), "the chunks are freed once joined");
            assertArrayEquals(whole.toFloatArray(), chunked.toFloatArray(), 1e-6f);
        }
    }
}
