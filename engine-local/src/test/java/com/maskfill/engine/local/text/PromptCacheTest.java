package com.maskfill.engine.local.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encoded prompts survive a restart on disk, and only answer for the same encoders and T5 length. */
class PromptCacheTest {

    @TempDir
    Path dir;

    private static PromptCache.Entry entry(float base) {
        return new PromptCache.Entry(new float[] {base, 2, 3, 4, 5, 6}, new Shape(1, 2, 3), new float[] {base, -1},
                new Shape(1, 2));
    }

    @Test
    void storedPromptIsFoundAgainByANewCacheOverTheSameFolder() {
        new PromptCache(dir, "encoders A", 8).store("a cat", entry(1));
        PromptCache.Entry found = new PromptCache(dir, "encoders A", 8).find("a cat").orElseThrow();
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, found.txt());
        assertEquals(new Shape(1, 2, 3), found.txtShape());
        assertArrayEquals(new float[] {1, -1}, found.vec());
        assertEquals(new Shape(1, 2), found.vecShape());
    }

    @Test
    void otherPromptsEncodersOrLengthsMiss() {
        new PromptCache(dir, "encoders A", 8).store("a cat", entry(1));
        assertTrue(new PromptCache(dir, "encoders A", 8).find("a cat ").isEmpty());
        assertTrue(new PromptCache(dir, "encoders B", 8).find("a cat").isEmpty());
        assertTrue(new PromptCache(dir, "encoders A", 512).find("a cat").isEmpty());
    }

    @Test
    void withoutAFolderEntriesLiveInMemoryOnly() throws Exception {
        PromptCache memory = new PromptCache(null, "encoders A", 8);
        memory.store("a cat", entry(1));
        assertArrayEquals(new float[] {1, -1}, memory.find("a cat").orElseThrow().vec());
        assertTrue(memory.fileFor("a cat").isEmpty(), "no file is named, so none can be written");
    }

    @Test
    void anEntryCutShortIsDeletedAndMissesSoThePromptIsEncodedAgain() throws Exception {
        new PromptCache(dir, "encoders A", 8).store("a cat", entry(1));
        Path file = new PromptCache(dir, "encoders A", 8).fileFor("a cat").orElseThrow();
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 10));

        PromptCache restarted = new PromptCache(dir, "encoders A", 8);
        assertTrue(restarted.find("a cat").isEmpty());
        assertFalse(Files.exists(file), "the broken entry is gone");

        restarted.store("a cat", entry(2));
        assertArrayEquals(new float[] {2, -1}, new PromptCache(dir, "encoders A", 8).find("a cat").orElseThrow().vec());
    }
}
