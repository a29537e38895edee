package com.maskfill.engine.local.weights;

import static com.maskfill.engine.local.weights.SafetensorsFileTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaledWeightsSourceTest {

    @TempDir
    Path dir;

    // e4m3fn bytes: 0x38 = 1.0, 0x40 = 2.0, 0xb8 = -1.0, 0x30 = 0.5
    private static final byte[] FP8_2X2 = {0x38, 0x40, (byte) 0xb8, 0x30};

    @Test
    void fp8WeightIsMultipliedByItsScalarScaleAndTheScalesAreHidden() throws IOException {
        Path file = new SafetensorsWriter()
                .add("model.diffusion_model.img_in.weight", "F8_E4M3", new long[] {2, 2}, FP8_2X2)
                .addF32("model.diffusion_model.img_in.scale_weight", new long[] {}, 0.25f)
                .addF32("model.diffusion_model.img_in.scale_input", new long[] {}, 3f)
                .addBf16("model.diffusion_model.img_in.bias", new long[] {2}, 1f, 2f)
                .add("scaled_fp8", "F8_E4M3", new long[] {0}, new byte[0])
                .write(dir.resolve("flux1-fill-dev-fp8_scaled.safetensors"));
        try (TensorSource source = PrefixStrippedSource.stripIfPresent(FluxFillCheckpoint.openWeights(file),
                FluxFillCheckpoint.COMFY_PREFIX)) {
            assertEquals(Set.of("img_in.weight", "img_in.bias"), source.names());
            assertArrayEquals(new float[] {0.25f, 0.5f, -0.25f, 0.125f}, source.readFloat32("img_in.weight", 2, 2));
            assertArrayEquals(new float[] {1f, 2f}, source.readFloat32("img_in.bias"));
        }
    }

    @Test
    void perRowScalesScaleEachOutputRow() throws IOException {
        Path file = new SafetensorsWriter().add("w.weight", "F8_E4M3", new long[] {2, 2}, FP8_2X2)
                .addF32("w.weight_scale", new long[] {2, 1}, 2f, 10f).write(dir.resolve("rows.safetensors"));
        try (TensorSource source = FluxFillCheckpoint.openWeights(file)) {
            assertArrayEquals(new float[] {2f, 4f, -10f, 5f}, source.readFloat32("w.weight"));
        }
    }

    @Test
    void scaleThatFitsNeitherWholeNorRowsIsNamed() throws IOException {
        Path file = new SafetensorsWriter().add("w.weight", "F8_E4M3", new long[] {2, 2}, FP8_2X2)
                .addF32("w.scale_weight", new long[] {3}, 1f, 2f, 3f).write(dir.resolve("bad.safetensors"));
        try (TensorSource source = FluxFillCheckpoint.openWeights(file)) {
            assertMessage(assertThrows(WeightsException.class, () -> source.readFloat32("w.weight")), file,
                    "'w.scale_weight'", "[3]");
        }
    }

    @Test
    void unscaledCheckpointIsReturnedAsIs() throws IOException {
        Path file = new SafetensorsWriter().addF32("w.weight", new long[] {1}, 1f).write(dir.resolve("p.safetensors"));
        try (SafetensorsFile plain = SafetensorsFile.open(file)) {
            assertSame(plain, ScaledWeightsSource.wrapIfScaled(plain));
        }
    }
}
