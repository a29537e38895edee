package com.maskfill.engine.local.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The two ways a seed becomes noise: the reference's bf16 draw and ComfyUI's float32 torch.randn on the CPU. */
class NoiseConventionTest {

    /**
     * torch's float32 CPU normal for 16 or more values (ATen normal_fill), transcribed independently: 24-bit uniforms
     * from mt19937, then Box-Muller over blocks of 16 (u1 = 1 - first half, u2 = second half), the last partial
     * block redrawn.
     */
    private static float[] torchNormalFill(long seed, int count) {
        ReferenceNoise.MersenneTwister random = new ReferenceNoise.MersenneTwister(seed);
        float[] d = new float[count];
        for (int i = 0; i < count; i++) {
            d[i] = (random.next() & 0xffffff) * (1f / (1 << 24));
        }
        for (int offset = 0; offset + 16 <= count; offset += 16) {
            boxMuller(d, offset);
        }
        if (count % 16 != 0) {
            for (int i = 0; i < 16; i++) {
                d[count - 16 + i] = (random.next() & 0xffffff) * (1f / (1 << 24));
            }
            boxMuller(d, count - 16);
        }
        return d;
    }

    private static void boxMuller(float[] d, int offset) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - d[offset + j];
            float u2 = d[offset + j + 8];
            float radius = (float) Math.sqrt(-2 * (float) Math.log(u1));
            float theta = (float) (2.0 * Math.PI * u2);
            d[offset + j] = radius * (float) Math.cos(theta);
            d[offset + j + 8] = radius * (float) Math.sin(theta);
        }
    }

    @Test
    void torchCpuConventionIsTorchsFloat32NormalFillForTheSeed() {
        // libtorch vectorises log/sin/cos, so values agree to a few float ulps, not bit for bit
        for (long seed : new long[] {0, 42, 4_294_967_295L}) {
            float[] drawn = NoiseConvention.TORCH_CPU.forImage(seed, 64, 48);
            float[] expected = torchNormalFill(seed, 16 * 6 * 8);
            assertEquals(expected.length, drawn.length);
            for (int i = 0; i < drawn.length; i++) {
                assertEquals(expected[i], drawn[i], 2e-5f * Math.max(1, Math.abs(expected[i])), "seed " + seed + " [" + i + "]");
            }
        }
        float[] odd = NoiseConvention.torchCpuNormal(5, new Shape(3, 7));
        float[] expectedOdd = torchNormalFill(5, 21);
        for (int i = 0; i < 21; i++) {
            assertEquals(expectedOdd[i], odd[i], 2e-5f, "a partial last block is redrawn [" + i + "]");
        }
    }

    @Test
    void sameSeedSameNoiseAndTheConventionsDiffer() {
        assertArrayEquals(NoiseConvention.TORCH_CPU.forImage(7, 32, 32), NoiseConvention.TORCH_CPU.forImage(7, 32, 32));
        assertArrayEquals(ReferenceNoise.forImage(7, 32, 32), NoiseConvention.REFERENCE.forImage(7, 32, 32));
        assertFalse(Arrays.equals(NoiseConvention.REFERENCE.forImage(7, 32, 32),
                NoiseConvention.TORCH_CPU.forImage(7, 32, 32)));
    }

    @Test
    void unknownConventionNamesTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseConvention.fromId("philox"));
        assertEquals("noise = \"philox\" is not supported: allowed reference, torch-cpu", e.getMessage());
        assertEquals(NoiseConvention.TORCH_CPU, NoiseConvention.fromId(" Torch-CPU "));
    }
}
