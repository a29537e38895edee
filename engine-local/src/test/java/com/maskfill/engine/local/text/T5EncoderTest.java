package com.maskfill.engine.local.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.nn.WeightStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny random T5 encoder (Hugging Face names, inner width 6 != d_model 8 to catch mixed-up widths, 20 tokens so the
 * logarithmic buckets are used) against the same math written as plain loops. No reference T5 output can be produced
 * on the build machines (no transformers there), so this proves the DJL composition, not the checkpoint semantics.
 */
class T5EncoderTest {

    @TempDir
    Path dir;

    @Test
    void bucketsFollowTheReferenceFormula() {
        // hand-evaluated: 16 buckets per sign, exact below 8, then 8 + floor(log(d/8) / log(16) * 8), capped at 15
        int[][] cases = {{0, 0}, {-1, 1}, {1, 17}, {-7, 7}, {7, 23}, {-8, 8}, {-15, 9}, {-16, 10}, {-20, 10},
            {-32, 12}, {-60, 13}, {-64, 14}, {-127, 15}, {-128, 15}, {-500, 15}, {500, 31}, {16, 26}};
        for (int[] c : cases) {
            assertEquals(c[1], T5Encoder.bucket(c[0], 32, 128), "offset " + c[0]);
        }
    }

    @Test
    void float16WeightStorageStaysAtFloat32Accuracy() throws IOException {
        T5Encoder.Config config = new T5Encoder.Config(8, 3, 2, 2, 10, 32, 128, 1e-6f);
        Path file = dir.resolve("t5-half.safetensors");
        TinyTextModels.writeT5(file, config, 13, new Random(8));
        long[] ids = {3, 5, 1, 0, 0, 0};
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager m = NDManager.newBaseManager();
                T5Encoder full = T5Encoder.load(m, st, config);
                T5Encoder half = T5Encoder.load(m, st, config, WeightStorage.FP16)) {
            double rel = ReferenceRun.relativeL2(half.encode(m, ids), full.encode(m, ids));
            assertTrue(rel > 0 && rel < 1e-3, "fp16-stored T5 vs fp32: relL2 " + rel);
        }
    }

    @Test
    void tinyEncoderMatchesPlainLoopMath() throws IOException {
        int d = 8, dkv = 3, heads = 2, inner = 6, ff = 10, layers = 2, vocab = 13, len = 20;
        T5Encoder.Config config = new T5Encoder.Config(d, dkv, heads, layers, ff, 32, 128, 1e-6f);
        Path file = dir.resolve("t5.safetensors");
        Map<String, float[]> w = TinyTextModels.writeT5(file, config, vocab, new Random(7));
        long[] ids = new long[len];
        for (int i = 0; i < len; i++) ids[i] = (i * 5 + 3) % vocab;

        float[] actual;
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager m = NDManager.newBaseManager();
                T5Encoder encoder = T5Encoder.load(m, st, config)) {
            encoder.setAttentionChunk(7);
            NDArray out = encoder.encode(m, ids);
            assertEquals(new Shape(1, len, d), out.getShape());
            actual = out.toFloatArray();
        }

        double[][] x = new double[len][d];
        for (int t = 0; t < len; t++)
            for (int i = 0; i < d; i++) x[t][i] = w.get("shared.weight")[(int) ids[t] * d + i];
        float[] rel = w.get("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight");
        double[][][] bias = new double[heads][len][len];
        for (int h = 0; h < heads; h++)
            for (int q = 0; q < len; q++)
                for (int k = 0; k < len; k++) bias[h][q][k] = rel[T5Encoder.bucket(k - q, 32, 128) * heads + h];
        for (int i = 0; i < layers; i++) {
            String a = "encoder.block." + i + ".layer.0.";
            String f = "encoder.block." + i + ".layer.1.";
            double[][] h = NaiveMath.rmsNorm(x, w.get(a + "layer_norm.weight"), 1e-6);
            double[][] att = NaiveMath.attention(NaiveMath.linear(h, w.get(a + "SelfAttention.q.weight"), null, inner),
                    NaiveMath.linear(h, w.get(a + "SelfAttention.k.weight"), null, inner),
                    NaiveMath.linear(h, w.get(a + "SelfAttention.v.weight"), null, inner), heads, 1.0, bias, false);
            NaiveMath.addInPlace(x, NaiveMath.linear(att, w.get(a + "SelfAttention.o.weight"), null, d));
            double[][] g = NaiveMath.rmsNorm(x, w.get(f + "layer_norm.weight"), 1e-6);
            double[][] g0 = NaiveMath.linear(g, w.get(f + "DenseReluDense.wi_0.weight"), null, ff);
            double[][] g1 = NaiveMath.linear(g, w.get(f + "DenseReluDense.wi_1.weight"), null, ff);
            for (int t = 0; t < len; t++)
                for (int j = 0; j < ff; j++) g0[t][j] = NaiveMath.geluTanh(g0[t][j]) * g1[t][j];
            NaiveMath.addInPlace(x, NaiveMath.linear(g0, w.get(f + "DenseReluDense.wo.weight"), null, d));
        }
        double[][] y = NaiveMath.rmsNorm(x, w.get("encoder.final_layer_norm.weight"), 1e-6);
        double[] expected = new double[len * d];
        for (int t = 0; t < len; t++) System.arraycopy(y[t], 0, expected, t * d, d);
        double relL2 = NaiveMath.relativeL2(actual, expected);
        System.out.printf("tiny T5 encoder vs plain loops: relL2 %.3e%n", relL2);
        assertTrue(relL2 < 1e-5, "relative L2 " + relL2);
    }
}
