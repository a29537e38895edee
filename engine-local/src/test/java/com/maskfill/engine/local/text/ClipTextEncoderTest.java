package com.maskfill.engine.local.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny random CLIP text tower (Hugging Face names) against the same math as plain loops: causal attention,
 * quick-GELU, pooling at the largest token id. Like the T5 test, this proves the DJL composition only.
 */
class ClipTextEncoderTest {

    private static final String P = "text_model.";

    @TempDir
    Path dir;

    @Test
    void tinyTextTowerPoolsTheEndTokenAsPlainLoopMathDoes() throws IOException {
        int h = 8, heads = 2, layers = 2, inter = 12, vocab = 20, positions = 10;
        ClipTextEncoder.Config config = new ClipTextEncoder.Config(h, layers, heads, inter, 1e-5f);
        Path file = dir.resolve("clip.safetensors");
        Map<String, float[]> w = TinyTextModels.writeClip(file, config, vocab, positions, new Random(11));
        int[] ids = {18, 3, 7, 3, 19, 19, 19}; // start, tokens, end (the largest id) padded with itself

        float[] actual;
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager m = NDManager.newBaseManager();
                ClipTextEncoder encoder = ClipTextEncoder.load(m, st, config)) {
            int before = ((BaseNDManager) m).getManagedArrays().size();
            NDArray pooled = encoder.pooled(m, ids);
            assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size(), "only the output is left");
            assertEquals(new Shape(1, h), pooled.getShape());
            actual = pooled.toFloatArray();
        }

        int len = ids.length;
        double[][] x = new double[len][h];
        for (int t = 0; t < len; t++)
            for (int i = 0; i < h; i++) {
                x[t][i] = w.get(P + "embeddings.token_embedding.weight")[ids[t] * h + i]
                        + w.get(P + "embeddings.position_embedding.weight")[t * h + i];
            }
        for (int i = 0; i < layers; i++) {
            String l = P + "encoder.layers." + i + ".";
            double[][] n = NaiveMath.layerNorm(x, w.get(l + "layer_norm1.weight"), w.get(l + "layer_norm1.bias"), 1e-5);
            double[][] att = NaiveMath.attention(lin(w, n, l + "self_attn.q_proj", h), lin(w, n, l + "self_attn.k_proj", h),
                    lin(w, n, l + "self_attn.v_proj", h), heads, 1 / Math.sqrt(h / heads), null, true);
            NaiveMath.addInPlace(x, lin(w, att, l + "self_attn.out_proj", h));
            double[][] m = lin(w, NaiveMath.layerNorm(x, w.get(l + "layer_norm2.weight"), w.get(l + "layer_norm2.bias"),
                    1e-5), l + "mlp.fc1", inter);
            for (double[] row : m)
                for (int j = 0; j < inter; j++) row[j] = row[j] / (1 + Math.exp(-1.702 * row[j]));
            NaiveMath.addInPlace(x, lin(w, m, l + "mlp.fc2", h));
        }
        double[][] y = NaiveMath.layerNorm(x, w.get(P + "final_layer_norm.weight"), w.get(P + "final_layer_norm.bias"),
                1e-5);
        double relL2 = NaiveMath.relativeL2(actual, y[4]);
        System.out.printf("tiny CLIP text tower vs plain loops: relL2 %.3e%n", relL2);
        assertTrue(relL2 < 1e-5, "relative L2 " + relL2);
    }

    private static double[][] lin(Map<String, float[]> w, double[][] x, String name, int out) {
        return NaiveMath.linear(x, w.get(name + ".weight"), w.get(name + ".bias"), out);
    }
}
