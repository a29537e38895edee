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
            assertArrayEquals(before, x.toFloatArray(), "the input is left as it was");
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
