package com.maskfill.engine.local.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model-sized file written header first, each tensor once in its place, visible only when complete. */
class SafetensorsStreamWriterTest {

    @TempDir
    Path dir;

    private static final List<SafetensorsStreamWriter.Tensor> TENSORS = List.of(
            new SafetensorsStreamWriter.Tensor("w", TensorDtype.I8, new long[] {2, 3}),
            new SafetensorsStreamWriter.Tensor("s", TensorDtype.F32, new long[] {2}));

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void theHeaderGoesFirstAndEachTensorOnceToItsPlaceInAnyOrder() throws IOException {
        Path target = dir.resolve("x.safetensors");
        byte[] w = {1, -2, 3, -4, 5, -6};
        try (SafetensorsStreamWriter writer = new SafetensorsStreamWriter(target, TENSORS)) {
            Path part = files().get(0);
            assertEquals(1, files().size(), "one file, no side file for the data");
            long header = Files.size(part);
            writer.writeF32("s", new float[] {0.5f, 2f}); // the later tensor first
            writer.write("w", w);
            assertEquals(header + 6 + 8, Files.size(part), "the data went in place: no copy, no second pass");
            writer.finish();
        }
        assertEquals(List.of(target), files());
        Path same = new SafetensorsWriter().add("w", "I8", new long[] {2, 3}, w).addF32("s", new long[] {2}, 0.5f, 2f)
                .write(dir.resolveSibling(dir.getFileName() + "-reference.safetensors"));
        assertArrayEquals(Files.readAllBytes(same), Files.readAllBytes(target), "one header format for both writers");
        try (SafetensorsFile read = SafetensorsFile.open(target)) {
            assertArrayEquals(new float[] {0.5f, 2f}, read.readFloat32("s"));
        }
    }

    @Test
    void aTensorNeverWrittenKeepsTheFileFromAppearingAndLeavesNothing() throws IOException {
        Path target = dir.resolve("x.safetensors");
        try (SafetensorsStreamWriter writer = new SafetensorsStreamWriter(target, TENSORS)) {
            writer.write("w", new byte[6]);
            IOException e = assertThrows(IOException.class, writer::finish);
            assertTrue(e.getMessage().contains("'s' was never written"), e.getMessage());
        }
        assertEquals(List.of(), files());
    }

    @Test
    void dataForATensorNotAnnouncedOrOfTheWrongLengthIsRefused() throws IOException {
        try (SafetensorsStreamWriter writer = new SafetensorsStreamWriter(dir.resolve("x.safetensors"), TENSORS)) {
            assertThrows(IllegalArgumentException.class, () -> writer.write("v", new byte[6]));
            assertThrows(IllegalArgumentException.class, () -> writer.write("w", new byte[5]));
        }
        assertEquals(List.of(), files(), "closing abandons the conversion");
    }
}
