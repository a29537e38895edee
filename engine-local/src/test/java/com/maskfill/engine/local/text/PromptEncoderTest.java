package com.maskfill.engine.local.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.weights.AutoencoderParams;
import com.maskfill.engine.local.weights.FluxFillCheckpoint;
import com.maskfill.engine.local.weights.FluxFillCheckpointTest;
import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.SafetensorsFile;
import com.maskfill.engine.local.weights.WeightsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot folder with tiny text encoders, their config.json files and tokenizers: prompt to (txt, vec). */
class PromptEncoderTest {

    @TempDir
    Path dir;

    private Path snapshot(boolean withT5) throws IOException {
        Path s = dir.resolve("FLUX.1-Fill-dev");
        FluxFillCheckpointTest.sparseCheckpoint(s.resolve("flux1-fill-dev.safetensors"),
                FluxParams.FLUX1_FILL_DEV.expectedShapes(), "BF16", 2, "");
        FluxFillCheckpointTest.sparseCheckpoint(s.resolve("ae.safetensors"), AutoencoderParams.FLUX1.expectedShapes(),
                "F32", 4, "");
        Path clip = Files.createDirectories(s.resolve("text_encoder"));
        TinyTextModels.writeClip(clip.resolve("model.safetensors"), new ClipTextEncoder.Config(8, 2, 2, 12, 1e-5f),
                130, 77, new Random(3));
        Files.writeString(clip.resolve("config.json"), "{\"hidden_size\":8,\"num_hidden_layers\":2,"
                + "\"num_attention_heads\":2,\"intermediate_size\":12,\"layer_norm_eps\":1e-05}");
        ClipTokenizerTest.writeVocabulary(Files.createDirectories(s.resolve("tokenizer")));
        if (withT5) {
            Path t5 = Files.createDirectories(s.resolve("text_encoder_2"));
            TinyTextModels.writeT5(t5.resolve("model.safetensors"), new T5Encoder.Config(8, 3, 2, 2, 10, 32, 128, 1e-6f),
                    13, new Random(4));
            Files.writeString(t5.resolve("config.json"), "{\"d_model\":8,\"d_kv\":3,\"num_heads\":2,\"num_layers\":2,"
                    + "\"d_ff\":10,\"relative_attention_num_buckets\":32,\"relative_attention_max_distance\":128,"
                    + "\"layer_norm_epsilon\":1e-06}");
        }
        T5TokenizerTest.writeTokenizerJson(Files.createDirectories(s.resolve("tokenizer_2")));
        return s;
    }

    @Test
    void promptBecomesT5StatesAndThePooledClipVectorOfTheSnapshotsEncoders() throws IOException {
        Path s = snapshot(true);
        try (FluxFillCheckpoint checkpoint = FluxFillCheckpoint.openSnapshot(s); NDManager m = NDManager.newBaseManager();
                PromptEncoder prompts = PromptEncoder.fromCheckpoint(m, checkpoint, 8)) {
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

    @Test
    void snapshotWithoutT5SaysWhatIsMissing() throws IOException {
        Path s = snapshot(false);
        try (FluxFillCheckpoint checkpoint = FluxFillCheckpoint.openSnapshot(s); NDManager m = NDManager.newBaseManager()) {
            WeightsException e = assertThrows(WeightsException.class, () -> PromptEncoder.fromCheckpoint(m, checkpoint,
                    8));
            assertTrue(e.getMessage().contains("text_encoder_2"), e.getMessage());
        }
    }
}
