package com.maskfill.engine.local.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Tiny random text encoders with their config.json files and miniature tokenizers, written into a folder in the
 * layout of the Hugging Face repo black-forest-labs/FLUX.1-Fill-dev ({@code text_encoder/}, {@code tokenizer/},
 * {@code text_encoder_2/}, {@code tokenizer_2/}).
 */
public final class TinyTextFolders {

    private TinyTextFolders() {
    }

    /**
     * @param clipHidden CLIP's width (the transformer's vec_in_dim)
     * @param t5Width T5's d_model (the transformer's context_in_dim)
     */
    public static void write(Path snapshot, int clipHidden, int t5Width, long seed) throws IOException {
        Random r = new Random(seed);
        Path clip = Files.createDirectories(snapshot.resolve("text_encoder"));
        TinyTextModels.writeClip(clip.resolve("model.safetensors"),
                new ClipTextEncoder.Config(clipHidden, 1, 2, 2 * clipHidden, 1e-5f), 130, 77, r);
        Files.writeString(clip.resolve("config.json"), "{\"hidden_size\":" + clipHidden + ",\"num_hidden_layers\":1,"
                + "\"num_attention_heads\":2,\"intermediate_size\":" + 2 * clipHidden + ",\"layer_norm_eps\":1e-05}");
        ClipTokenizerTest.writeVocabulary(Files.createDirectories(snapshot.resolve("tokenizer")));
        Path t5 = Files.createDirectories(snapshot.resolve("text_encoder_2"));
        TinyTextModels.writeT5(t5.resolve("model.safetensors"), new T5Encoder.Config(t5Width, 8, 2, 1, 40, 32, 128,
                1e-6f), 13, r);
        Files.writeString(t5.resolve("config.json"), "{\"d_model\":" + t5Width + ",\"d_kv\":8,\"num_heads\":2,"
                + "\"num_layers\":1,\"d_ff\":40,\"relative_attention_num_buckets\":32,"
                + "\"relative_attention_max_distance\":128,\"layer_norm_epsilon\":1e-06}");
        T5TokenizerTest.writeTokenizerJson(Files.createDirectories(snapshot.resolve("tokenizer_2")));
    }
}
