package com.maskfill.engine.local.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint tensors reach DJL's PyTorch engine (CPU, offline) as float32, bf16 included, without a JVM abort. */
class WeightArraysTest {

    @TempDir
    Path dir;

    @Test
    void bf16WeightBecomesAFloat32ArrayThePyTorchEngineComputesWith() throws IOException {
        Path file = new SafetensorsWriter().addBf16("w", new long[] {2, 3}, 1, 2, 3, -1, 0.5f, 4)
                .write(dir.resolve("w.safetensors"));
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            NDArray w = WeightArrays.load(manager, st, "w", 2, 3);
            assertEquals(DataType.FLOAT32, w.getDataType());
            assertEquals(new Shape(2, 3), w.getShape());
            NDArray y = w.matMul(manager.create(new float[] {1, 1, 1}, new Shape(3, 1)));
            assertArrayEquals(new float[] {6f, 3.5f}, y.toFloatArray());
            assertThrows(WeightsException.class, () -> WeightArrays.load(manager, st, "w", 3, 2));
        }
    }
}
