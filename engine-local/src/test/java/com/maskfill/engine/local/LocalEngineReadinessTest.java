package com.maskfill.engine.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's first-run question, answered from file names alone: can the local engine find its model? */
class LocalEngineReadinessTest {

    private final LocalEngineProvider provider = new LocalEngineProvider();

    @Test
    void withoutAModelFolderTheLocalEngineIsNotSetUpAndSaysItNeedsTheModel() {
        Readiness readiness = provider.readiness(EngineContext.empty());
        assertFalse(readiness.ready());
        assertTrue(readiness.reason().contains("model"), readiness.reason());
    }

    @Test
    void aFolderLackingTheTextEncodersIsNotSetUp(@TempDir Path dir) throws IOException {
        touch(dir, "flux1-fill-dev.safetensors");
        touch(dir, "ae.safetensors");
        Readiness readiness = provider.readiness(EngineContext.builder().option("model-dir", dir.toString()).build());
        assertFalse(readiness.ready());
        assertTrue(readiness.reason().contains("missing files"), readiness.reason());
    }

    @Test
    void aCompleteSnapshotFolderIsReadyWithoutReadingAnyWeights(@TempDir Path dir) throws IOException {
        // Empty files: readiness looks only at names, so a 30 GB model is not touched at every start.
        for (String file : new String[] {"flux1-fill-dev.safetensors", "ae.safetensors",
                "text_encoder/model.safetensors", "text_encoder_2/model.safetensors", "tokenizer/vocab.json",
                "tokenizer_2/tokenizer.json"}) {
            touch(dir, file);
        }
        assertTrue(provider.readiness(EngineContext.builder().option("model-dir", dir.toString()).build()).ready());
    }

    private static void touch(Path dir, String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.createFile(file);
    }
}
