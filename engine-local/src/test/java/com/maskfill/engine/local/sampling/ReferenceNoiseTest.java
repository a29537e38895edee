package com.maskfill.engine.local.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDManager;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.weights.FloatFormats;
import org.junit.jupiter.api.Test;

class ReferenceNoiseTest {

    @Test
    void seed42ForA64PixelImageIsTheReferenceNoiseBitForBit() {
        long seed = TestData.fluxTinyConfig().get("seed").asLong();
        float[] noise = ReferenceNoise.forImage(seed, 64, 64);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] expected = ReferenceRun.load(m, "noise").toFloatArray();
            assertEquals(expected.length, noise.length);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(noise[i]), "element " + i);
            }
        }
    }

    @Test
    void valuesAreBf16AndLookStandardNormal() {
        float[] noise = ReferenceNoise.bf16Normal(1234, 16 * 64 * 64);
        double sum = 0;
        double squares = 0;
        for (float v : noise) {
            assertEquals(v, FloatFormats.roundToBf16(v));
            sum += v;
            squares += v * v;
        }
        double mean = sum / noise.length;
        assertEquals(0, mean, 0.02);
        assertEquals(1, squares / noise.length - mean * mean, 0.03);
    }

    @Test
    void aCountThatIsNotAMultipleOf16RedrawsTheLastBlock() {
        float[] n37 = ReferenceNoise.bf16Normal(5, 37);
        float[] n32 = ReferenceNoise.bf16Normal(5, 32);
        // the first two blocks are the same draws; the tail block overlaps them and is recomputed from new uniforms
        assertArrayEquals(java.util.Arrays.copyOf(n32, 21), java.util.Arrays.copyOf(n37, 21));
        assertNotEquals(n32[31], n37[31]);
    }
}
