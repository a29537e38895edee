package com.maskfill.engine.local.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantized layers written once, then read back without the source weights. */
class Int8WeightCacheTest {

    @TempDir
    Path dir;

    @Test
    void aFinishedConversionAnswersLaterLoadsWithoutTheWeights() throws IOException {
        Path file = dir.resolve("weights/x-int8.safetensors");
        float[] w = {0.5f, -1f, 0.25f, 0.1f, 3f, 2.9f};
        Int8Weights first;
        try (Int8WeightCache cold = Int8WeightCache.open(file)) {
            assertFalse(cold.isWarm());
            first = cold.get("blocks.0.lin", w, 2, 3);
            assertFalse(Files.exists(file), "nothing visible before the conversion is finished");
            cold.finish();
        }
        try (Int8WeightCache warm = Int8WeightCache.open(file)) {
            assertTrue(warm.isWarm() && warm.has("blocks.0.lin") && !warm.has("blocks.1.lin"));
            Int8Weights again = warm.get("blocks.0.lin", null, 2, 3);
            assertArrayEquals(first.values(), again.values());
            assertArrayEquals(first.scales(), again.scales());
        }
    }

    @Test
    void anAbandonedConversionLeavesNoFileBehind() throws IOException {
        try (Int8WeightCache cold = Int8WeightCache.open(dir.resolve("y-int8.safetensors"))) {
            cold.get("l", new float[] {1, 2}, 1, 2);
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.findAny().isEmpty());
        }
    }
}
