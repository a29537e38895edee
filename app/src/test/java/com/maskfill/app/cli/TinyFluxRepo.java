package com.maskfill.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The files of black-forest-labs/FLUX.1-Fill-dev in miniature, for a fake Hub to serve: the tiny reference transformer
 * and autoencoder of {@code ../shared/testdata/flux-tiny-a} under the official names, a diffusers
 * transformer/config.json with its RoPE axes, and seeded random text encoders whose widths fit it (CLIP 16 =
 * vec_in_dim, T5 32 = context_in_dim) with miniature tokenizers. The same shapes as engine-local's TinySnapshot,
 * written here because the app's tests cannot use engine-local's test classes.
 */
final class TinyFluxRepo {

    static final int CLIP_HIDDEN = 16;
    static final int T5_WIDTH = 32;

    private TinyFluxRepo() {
    }

    static Path referenceDir() {
        return Path.of(System.getProperty("maskfill.repo.dir", "..")).resolve("../shared/testdata/flux-tiny-a")
                .toAbsolutePath().normalize();
    }

    /** Repository path to content, in the repository's layout. */
    static Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("flux1-fill-dev.safetensors", Files.readAllBytes(referenceDir().resolve("flux-tiny.safetensors")));
        files.put("ae.safetensors", Files.readAllBytes(referenceDir().resolve("ae-tiny.safetensors")));
        files.put("transformer/config.json", utf8("""
                {"in_channels":384,"out_channels":64,"pooled_projection_dim":16,"joint_attention_dim":32,
                 "num_attention_heads":2,"attention_head_dim":32,"num_layers":1,"num_single_layers":1,
                 "axes_dims_rope":[8,12,12],"guidance_embeds":true}
                """));
        Random r = new Random(11);
        files.put("text_encoder/model.safetensors", clip(r));
        files.put("text_encoder/config.json", utf8("{\"hidden_size\":" + CLIP_HIDDEN + ",\"num_hidden_layers\":1,"
                + "\"num_attention_heads\":2,\"intermediate_size\":" + 2 * CLIP_HIDDEN + ",\"layer_norm_eps\":1e-05}"));
        files.put("tokenizer/vocab.json", utf8(clipVocabulary()));
        files.put("tokenizer/merges.txt", utf8("#version: 0.2\nc a\nca t</w>\na t</w>\nt s</w>\n' s</w>\n"));
        files.put("text_encoder_2/model.safetensors", t5(r));
        files.put("text_encoder_2/config.json", utf8("{\"d_model\":" + T5_WIDTH + ",\"d_kv\":8,\"num_heads\":2,"
                + "\"num_layers\":1,\"d_ff\":40,\"relative_attention_num_buckets\":32,"
                + "\"relative_attention_max_distance\":128,\"layer_norm_epsilon\":1e-06}"));
        files.put("tokenizer_2/tokenizer.json", utf8("""
                {"version":"1.0","truncation":null,"padding":null,
                 "added_tokens":[{"id":0,"content":"<pad>","single_word":false,"lstrip":false,"rstrip":false,
                                  "normalized":false,"special":true},
                                 {"id":1,"content":"</s>","single_word":false,"lstrip":false,"rstrip":false,
                                  "normalized":false,"special":true}],
                 "normalizer":null,"pre_tokenizer":{"type":"Whitespace"},
                 "post_processor":{"type":"TemplateProcessing",
                   "single":[{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"</s>","type_id":0}}],
                   "pair":[{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"</s>","type_id":0}}],
                   "special_tokens":{"</s>":{"id":"</s>","ids":[1],"tokens":["</s>"]}}},
                 "decoder":null,
                 "model":{"type":"WordLevel","vocab":{"<pad>":0,"</s>":1,"<unk>":2,"a":3,"red":4,"cat":5},
                          "unk_token":"<unk>"}}
                """));
        files.put("model_index.json", utf8("{\"_class_name\":\"FluxFillPipeline\"}"));
        return files;
    }

    /** Writes the files into {@code dir} in the repository's layout (a folder a user put together by hand). */
    static void writeTo(Path dir, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** CLIP's miniature vocabulary (ids 100..119), as engine-local's tokenizer tests use it. */
    private static String clipVocabulary() {
        String[] tokens = {"a", "c", "t", "s", "a</w>", "t</w>", "s</w>", "!</w>", "ca", "cat</w>", "at</w>", "ts</w>",
            "Ã", "©</w>", "'s</w>", "'", "1</w>", "2</w>", "<|startoftext|>", "<|endoftext|>"};
        StringBuilder vocab = new StringBuilder("{");
        for (int i = 0; i < tokens.length; i++) {
            vocab.append(i == 0 ? "" : ",").append('"').append(tokens[i]).append("\":").append(100 + i);
        }
        return vocab.append('}').toString();
    }

    private static byte[] clip(Random r) {
        int h = CLIP_HIDDEN;
        int ff = 2 * h;
        Tensors t = new Tensors(r);
        String p = "text_model.";
        t.add(p + "embeddings.token_embedding.weight", 1f, 130, h);
        t.add(p + "embeddings.position_embedding.weight", 1f, 77, h);
        String l = p + "encoder.layers.0.";
        t.norm(l + "layer_norm1", h);
        for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
            t.linear(l + "self_attn." + proj, h, h);
        }
        t.norm(l + "layer_norm2", h);
        t.linear(l + "mlp.fc1", ff, h);
        t.linear(l + "mlp.fc2", h, ff);
        t.norm(p + "final_layer_norm", h);
        return t.bytes();
    }

    private static byte[] t5(Random r) {
        int d = T5_WIDTH;
        int inner = 2 * 8;
        int ff = 40;
        Tensors t = new Tensors(r);
        t.add("shared.weight", 1f, 13, d);
        t.add("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", 1f, 32, 2);
        String a = "encoder.block.0.layer.0.";
        String f = "encoder.block.0.layer.1.";
        t.add(a + "layer_norm.weight", 1f, d);
        for (String q : new String[] {"q", "k", "v"}) {
            t.add(a + "SelfAttention." + q + ".weight", 0.5f, inner, d);
        }
        t.add(a + "SelfAttention.o.weight", 0.5f, d, inner);
        t.add(f + "layer_norm.weight", 1f, d);
        t.add(f + "DenseReluDense.wi_0.weight", 0.5f, ff, d);
        t.add(f + "DenseReluDense.wi_1.weight", 0.5f, ff, d);
        t.add(f + "DenseReluDense.wo.weight", 0.5f, d, ff);
        t.add("encoder.final_layer_norm.weight", 1f, d);
        return t.bytes();
    }

    /** Random float32 tensors written as a safetensors file (8-byte header length, JSON header, data). */
    private static final class Tensors {
        private final Random random;
        private final StringBuilder header = new StringBuilder();
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        Tensors(Random random) {
            this.random = random;
        }

        void add(String name, float scale, long... shape) {
            add(name, 0f, scale, shape);
        }

        void add(String name, float mean, float scale, long... shape) {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            ByteBuffer b = ByteBuffer.allocate((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < n; i++) {
                b.putFloat(mean + (float) random.nextGaussian() * scale);
            }
            int start = data.size();
            data.writeBytes(b.array());
            header.append(header.isEmpty() ? "" : ",").append('"').append(name).append("\":{\"dtype\":\"F32\",")
                    .append("\"shape\":").append(java.util.Arrays.toString(shape).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(start).append(',').append(data.size()).append("]}");
        }

        void linear(String name, int out, int in) {
            add(name + ".weight", 0.5f, out, in);
            add(name + ".bias", 0.1f, out);
        }

        void norm(String name, int c) {
            add(name + ".weight", 1f, 0.2f, c);
            add(name + ".bias", 0.1f, c);
        }

        byte[] bytes() {
            StringBuilder json = new StringBuilder("{").append(header).append('}');
            while (json.length() % 8 != 0) {
                json.append(' ');
            }
            byte[] h = json.toString().getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(8 + h.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(h.length).put(h).put(data.toByteArray());
            return out.array();
        }
    }
}
