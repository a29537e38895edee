package com.maskfill.engine.local.sampling;

import com.maskfill.engine.local.weights.FloatFormats;

/**
 * The reference's initial noise, bit for bit (local-engine.md §2.5): {@code torch.randn(..., dtype=bfloat16)} from a
 * CPU generator seeded with the user's seed. Torch draws 8-bit uniforms from an mt19937 stream and turns blocks of 16
 * into normals with Box-Muller, rounding every operation to bf16. Written out here because a seed is only worth
 * sharing if the same seed gives the same image as the reference implementation.
 */
public final class ReferenceNoise {

    private ReferenceNoise() {
    }

    /** {@code count} standard normal values (each exactly a bf16 value) for {@code seed} (its low 32 bits). */
    public static float[] bf16Normal(long seed, int count) {
        if (count < 16) {
            throw new IllegalArgumentException("the reference's block algorithm needs at least 16 values, got " + count);
        }
        MersenneTwister random = new MersenneTwister(seed);
        float[] d = new float[count];
        for (int i = 0; i < count; i++) {
            d[i] = random.nextUniformBf16();
        }
        for (int offset = 0; offset + 16 <= count; offset += 16) {
            boxMuller16(d, offset);
        }
        if (count % 16 != 0) {
            // torch redraws the last 16 uniforms and transforms them again, overlapping the previous block
            int offset = count - 16;
            for (int i = 0; i < 16; i++) {
                d[offset + i] = random.nextUniformBf16();
            }
            boxMuller16(d, offset);
        }
        return d;
    }

    /** Latent noise for an image of {@code width} x {@code height} pixels: (16, 2*ceil(H/16), 2*ceil(W/16)) values. */
    public static float[] forImage(long seed, int width, int height) {
        int h = 2 * ((height + 15) / 16);
        int w = 2 * ((width + 15) / 16);
        return bf16Normal(seed, 16 * h * w);
    }

    private static void boxMuller16(float[] d, int offset) {
        for (int j = 0; j < 8; j++) {
            float u1 = bf16(1f - d[offset + j]);
            float u2 = d[offset + j + 8];
            float radius = bf16((float) Math.sqrt(bf16(-2f * bf16((float) Math.log(u1)))));
            float theta = bf16((float) (2.0 * Math.PI * u2));
            // torch then applies "* std + mean" (1 and 0): a no-op except that it turns -0 into +0
            d[offset + j] = bf16(radius * bf16((float) Math.cos(theta))) + 0f;
            d[offset + j + 8] = bf16(radius * bf16((float) Math.sin(theta))) + 0f;
        }
    }

    private static float bf16(float x) {
        return FloatFormats.roundToBf16(x);
    }

    /** The standard 32-bit Mersenne Twister (mt19937), as torch's CPU generator. */
    static final class MersenneTwister {

        private final int[] state = new int[624];
        private int index = 624;

        MersenneTwister(long seed) {
            state[0] = (int) seed;
            for (int i = 1; i < 624; i++) {
                state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
            }
        }

        int next() {
            if (index >= 624) {
                for (int i = 0; i < 624; i++) {
                    int y = (state[i] & 0x80000000) | (state[(i + 1) % 624] & 0x7fffffff);
                    state[i] = state[(i + 397) % 624] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
                }
                index = 0;
            }
            int y = state[index++];
            y ^= y >>> 11;
            y ^= (y << 7) & 0x9d2c5680;
            y ^= (y << 15) & 0xefc60000;
            y ^= y >>> 18;
            return y;
        }

        /** torch's uniform bf16 in [0, 1): the low 8 bits of a draw over 256. */
        float nextUniformBf16() {
            return bf16((next() & 0xff) * (1f / 256));
        }
    }
}
