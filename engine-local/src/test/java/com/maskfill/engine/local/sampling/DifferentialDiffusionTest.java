package com.maskfill.engine.local.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Which latent pixels a soft mask holds on the noised source, and when. */
class DifferentialDiffusionTest {

    private static final Supplier<NDArray> NEVER = () -> {
        throw new AssertionError("a mask without grey must not encode the source again");
    };

    @Test
    void eachLatentPixelIsHeldOnTheSourceNoisedToTheCurrentTimeWhileItsStrengthIsBelowThatTime() {
        try (NDManager m = NDManager.newBaseManager()) {
            // a 32 x 16 pixel mask = a 4 x 2 latent grid = 2 tokens; latent pixels of strength 0, 0.3, 0.5, 1 and 0.8 x 4
            float[] levels = {0f, 0.3f, 0.5f, 1f, 0.8f, 0.8f, 0.8f, 0.8f};
            float[] pixels = new float[16 * 32];
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 32; x++) {
                    pixels[y * 32 + x] = levels[(y / 8) * 4 + x / 8];
                }
            }
            NDArray mask = m.create(pixels, new Shape(1, 16, 32));
            NDArray noise = m.randomNormal(new Shape(1, 2, 64));
            NDArray source = m.randomNormal(new Shape(1, 2, 64));
            NDArray latent = m.randomNormal(new Shape(1, 2, 64));
            DifferentialDiffusion soft = DifferentialDiffusion.forMask(mask, noise, () -> source).orElseThrow();
            assertEquals(0.3f, soft.weakest());

            float t = 0.6f;
            NDArray held = soft.hold(latent, t, m);
            NDArray strength = LatentPacking.pack(LatentPacking.unpack(m.zeros(new Shape(1, 2, 64)), 1, 2)
                    .add(m.create(levels, new Shape(1, 1, 2, 4))));
            float[] s = strength.toFloatArray();
            float[] out = held.toFloatArray();
            float[] n = noise.toFloatArray();
            float[] src = source.toFloatArray();
            float[] before = latent.toFloatArray();
            int heldCount = 0;
            for (int i = 0; i < s.length; i++) {
                if (s[i] > 0f && s[i] < t) {
                    assertEquals(t * n[i] + (1 - t) * src[i], out[i], 1e-6, "held feature " + i);
                    heldCount++;
                } else {
                    assertEquals(before[i], out[i], "free feature " + i + " of strength " + s[i]);
                }
            }
            assertEquals(2 * 16, heldCount, "the 16 channels of the latent pixels of strength 0.3 and 0.5");
            assertSame(latent, soft.hold(latent, 0.3f, m), "at a time at or below the weakest strength nothing is held");
        }
    }

    @Test
    void blackAndWhiteMasksHoldNothingEvenWhereAnEdgeCutsThroughAnEightPixelBlock() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] pixels = new float[32 * 32];
            for (int y = 0; y < 32; y++) {
                for (int x = 5; x < 27; x++) {
                    pixels[y * 32 + x] = y >= 3 ? 1f : 0f;
                }
            }
            NDArray noise = m.zeros(new Shape(1, 4, 64));
            assertTrue(DifferentialDiffusion.forMask(m.create(pixels, new Shape(1, 32, 32)), noise, NEVER).isEmpty());
            assertTrue(DifferentialDiffusion.forMask(m.ones(new Shape(1, 32, 32)), noise, NEVER).isEmpty(), "white");
        }
    }
}
