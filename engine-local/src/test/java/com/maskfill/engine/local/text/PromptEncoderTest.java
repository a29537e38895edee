package com.maskfill.engine.local.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny text encoders with their config.json files and tokenizers, in a snapshot's layout: prompt to (txt, vec). */
class PromptEncoderTest {

    @TempDir
    Path dir;

    private Path snapshot() throws IOException {
        Path s = dir.resolve("FLUX.1-Fill-dev");
        Path clip = Files.createDirectories(s.resolve("text_encoder"));
        TinyTextModels.writeClip(clip.resolve("model.safetensors"), new ClipTextEncoder.Config(8, 2, 2, 12, 1e-5f),
                130, 77, new Random(3));
        Files.writeString(clip.resolve("config.json"), "{\"hidden_size\":8,\"num_hidden_layers\":2,"
                + "\"num_attention_heads\":2,\"intermediate_size\":12,\"layer_norm_eps\":1e-05}");
        ClipTokenizerTest.writeVocabulary(Files.createDirectories(s.resolve("tokenizer")));
        Path t5 = Files.createDirectories(s.resolve("text_encoder_2"));
        TinyTextModels.writeT5(t5.resolve("model.safetensors"), new T5Encoder.Config(8, 3, 2, 2, 10, 32, 128, 1e-6f),
                13, new Random(4));
        Files.writeString(t5.resolve("config.json"), "{\"d_model\":8,\"d_kv\":3,\"num_heads\":2,\"num_layers\":2,"
                + "\"d_ff\":10,\"relative_attention_num_buckets\":32,\"relative_attention_max_distance\":128,"
                + "\"layer_norm_epsilon\":1e-06}");
        T5TokenizerTest.writeTokenizerJson(Files.createDirectories(s.resolve("tokenizer_2")));
        return s;
    }

    @Test
    void promptBecomesT5StatesAndThePooledClipVectorOfTheSnapshotsEncoders() throws IOException {
        Path s = snapshot();
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile clip = SafetensorsFile.open(s.resolve("text_encoder/model.safetensors"));
                SafetensorsFile t5File = SafetensorsFile.open(s.resolve("text_encoder_2/model.safetensors"));
                PromptEncoder prompts = PromptEncoder.load(m, clip, s.resolve("text_encoder/config.json"),
                        s.resolve("tokenizer"), t5File, s.resolve("text_encoder_2/config.json"),
                        s.resolve("tokenizer_2"), 8)) {
            PromptEncoder.Embedding e = prompts.encode(m, "a cat");
            assertEquals(new Shape(1, 8, 8), e.txt().getShape());
            assertEquals(new Shape(1, 8), e.vec().getShape());
            try (SafetensorsFile t5Weights = SafetensorsFile.open(s.resolve("text_encoder_2/model.safetensors"));
                    T5Encoder t5 = T5Encoder.load(m, t5Weights, new T5Encoder.Config(8, 3, 2, 2, 10, 32, 128, 1e-6f))) {
                assertArrayEquals(t5.encode(m, new long[] {3, 5, 1, 0, 0, 0, 0, 0}).toFloatArray(),
                        e.txt().toFloatArray(), "T5 sees 'a cat </s>' padded with zeros");
            }
            assertTrue(e.vec().sub(prompts.encode(m, "cat").vec()).abs().max().getFloat() > 0,
                    "a different prompt pools differently");
        }
    }
}
