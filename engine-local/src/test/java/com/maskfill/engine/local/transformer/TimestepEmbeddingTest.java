package com.maskfill.engine.local.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimestepEmbeddingTest {

    @Test
    void firstHalfIsCosinesAndSecondHalfSinesOfThousandTimesT() {
        float[] e = TimestepEmbedding.of(0.5f, 8);
        // frequencies exp(-ln(10000) k / 4): 1, 0.1, 0.01, 0.001
        double[] freqs = {1, 0.1, 0.01, 0.001};
        for (int k = 0; k < 4; k++) {
            assertEquals(Math.cos(500 * freqs[k]), e[k], 2e-5, "cos " + k);
            assertEquals(Math.sin(500 * freqs[k]), e[4 + k], 2e-5, "sin " + k);
        }
    }

    @Test
    void bf16ReferenceRoundsGuidanceThirtyTo29952() {
        float[] exact = TimestepEmbedding.of(29.952f, 256);
        float[] bf16 = TimestepEmbedding.ofBf16Reference(30f, 256);
        for (int i = 0; i < exact.length; i++) {
            // the same angle (29952) up to the bf16 rounding of each output value (8 significant bits)
            assertEquals(exact[i], bf16[i], Math.abs(exact[i]) / 128 + 1e-6, "element " + i);
        }
        // 0.99358 -> bf16 0.9921875 -> 992.1875 -> bf16 992
        assertEquals(TimestepEmbedding.of(0.992f, 2)[1], TimestepEmbedding.ofBf16Reference(0.99358f, 2)[1],
                Math.abs(TimestepEmbedding.of(0.992f, 2)[1]) / 128);
    }
}
