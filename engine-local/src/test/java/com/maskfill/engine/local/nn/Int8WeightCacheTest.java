package com.maskfill.engine.local.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        try (Int8WeightCache cold = Int8WeightCache.open(file, Map.of("blocks.0.lin", new long[] {2, 3}))) {
            assertFalse(cold.isWarm());
            first = cold.get("blocks.0.lin", w, 2, 3);
            assertFalse(Files.exists(file), "nothing visible before the conversion is finished");
            cold.finish();
        }
        try (Int8WeightCache warm = Int8WeightCache.open(file, Map.of("blocks.0.lin", new long[] {2, 3}))) {
            assertTrue(warm.isWarm() && warm.has("blocks.0.lin") && !warm.has("blocks.1.lin"));
            Int8Weights again = warm.get("blocks.0.lin", null, 2, 3);
            assertArrayEquals(first.values(), again.values());
            assertArrayEquals(first.scales(), again.scales());
        }
    }

    @Test
    void anAbandonedConversionLeavesNoFileBehind() throws IOException {
        try (Int8WeightCache cold = Int8WeightCache.open(dir.resolve("y-int8.safetensors"), Map.of("l", new long[] {1, 2}))) {
            cold.get("l", new float[] {1, 2}, 1, 2);
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.findAny().isEmpty());
        }
    }

    @Test
    void aConversionMissingALayerOfThePlanIsNotKept() throws IOException {
        Path file = dir.resolve("z-int8.safetensors");
        try (Int8WeightCache cold = Int8WeightCache.open(file, Map.of("a", new long[] {1, 2}, "b", new long[] {1, 2}))) {
            cold.get("a", new float[] {1, 2}, 1, 2);
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, cold::finish);
            assertTrue(e.getMessage().contains("'b.weight' was never written"), e.getMessage());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.findAny().isEmpty(), "a cache that would answer for b with zeros is never written");
        }
    }
}
