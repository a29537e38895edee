package com.maskfill.engine.local.text;

import com.maskfill.engine.local.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Tiny random text encoders in Hugging Face names, written as real safetensors files; returns every weight by name. */
final class TinyTextModels {

    private TinyTextModels() {
    }

    static Map<String, float[]> writeT5(Path file, T5Encoder.Config c, int vocab, Random r) throws IOException {
        Map<String, float[]> w = new LinkedHashMap<>();
        SafetensorsWriter writer = new SafetensorsWriter();
        int d = c.dModel();
        int inner = c.heads() * c.dKv();
        int ff = c.dFf();
        put(w, writer, "shared.weight", NaiveMath.random(r, vocab * d, 1f), vocab, d);
        put(w, writer, "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                NaiveMath.random(r, c.buckets() * c.heads(), 1f), c.buckets(), c.heads());
        for (int i = 0; i < c.layers(); i++) {
            String a = "encoder.block." + i + ".layer.0.";
            String f = "encoder.block." + i + ".layer.1.";
            put(w, writer, a + "layer_norm.weight", NaiveMath.random(r, d, 1f), d);
            for (String p : new String[] {"q", "k", "v"}) {
                put(w, writer, a + "SelfAttention." + p + ".weight", NaiveMath.random(r, inner * d, 0.5f), inner, d);
            }
            put(w, writer, a + "SelfAttention.o.weight", NaiveMath.random(r, d * inner, 0.5f), d, inner);
            put(w, writer, f + "layer_norm.weight", NaiveMath.random(r, d, 1f), d);
            put(w, writer, f + "DenseReluDense.wi_0.weight", NaiveMath.random(r, ff * d, 0.5f), ff, d);
            put(w, writer, f + "DenseReluDense.wi_1.weight", NaiveMath.random(r, ff * d, 0.5f), ff, d);
            put(w, writer, f + "DenseReluDense.wo.weight", NaiveMath.random(r, d * ff, 0.5f), d, ff);
        }
        put(w, writer, "encoder.final_layer_norm.weight", NaiveMath.random(r, d, 1f), d);
        writer.write(file);
        return w;
    }

    static Map<String, float[]> writeClip(Path file, ClipTextEncoder.Config c, int vocab, int positions, Random r)
            throws IOException {
        String p = "text_model.";
        int h = c.hidden();
        Map<String, float[]> w = new LinkedHashMap<>();
        SafetensorsWriter writer = new SafetensorsWriter();
        put(w, writer, p + "embeddings.token_embedding.weight", NaiveMath.random(r, vocab * h, 1f), vocab, h);
        put(w, writer, p + "embeddings.position_embedding.weight", NaiveMath.random(r, positions * h, 1f), positions, h);
        for (int i = 0; i < c.layers(); i++) {
            String l = p + "encoder.layers." + i + ".";
            norm(w, writer, r, l + "layer_norm1", h);
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                linear(w, writer, r, l + "self_attn." + proj, h, h);
            }
            norm(w, writer, r, l + "layer_norm2", h);
            linear(w, writer, r, l + "mlp.fc1", c.intermediate(), h);
            linear(w, writer, r, l + "mlp.fc2", h, c.intermediate());
        }
        norm(w, writer, r, p + "final_layer_norm", h);
        writer.write(file);
        return w;
    }

    private static void put(Map<String, float[]> w, SafetensorsWriter writer, String name, float[] values,
            long... shape) {
        w.put(name, values);
        writer.addF32(name, shape, values);
    }

    private static void linear(Map<String, float[]> w, SafetensorsWriter writer, Random r, String name, int out,
            int in) {
        put(w, writer, name + ".weight", NaiveMath.random(r, out * in, 0.5f), out, in);
        put(w, writer, name + ".bias", NaiveMath.random(r, out, 0.1f), out);
    }

    private static void norm(Map<String, float[]> w, SafetensorsWriter writer, Random r, String name, int c) {
        float[] gamma = NaiveMath.random(r, c, 0.2f);
        for (int i = 0; i < c; i++) gamma[i] += 1;
        put(w, writer, name + ".weight", gamma, c);
        put(w, writer, name + ".bias", NaiveMath.random(r, c, 0.1f), c);
    }
}
