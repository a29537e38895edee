package com.maskfill.engine.local.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * FLUX's 2x2 patchify of latents into tokens (local-engine.md §2.3): (B, C, 2h, 2w) to (B, h*w, C*4) with token
 * index {@code row*w + col} and feature index {@code c*4 + ph*2 + pw}, and back. A pure permutation, so bit-exact.
 */
public final class LatentPacking {

    private LatentPacking() {
    }

    public static NDArray pack(NDArray latent) {
        Shape s = latent.getShape();
        checkRank(s, 4, "latent (B, C, H, W)");
        long b = s.get(0);
        long c = s.get(1);
        long h = half(s.get(2), "height");
        long w = half(s.get(3), "width");
        return latent.reshape(b, c, h, 2, w, 2).transpose(0, 2, 4, 1, 3, 5).reshape(b, h * w, c * 4);
    }

    /** The inverse of {@link #pack}: (B, h*w, C*4) to (B, C, 2h, 2w) for a token grid of {@code h} x {@code w}. */
    public static NDArray unpack(NDArray tokens, long gridHeight, long gridWidth) {
        Shape s = tokens.getShape();
        checkRank(s, 3, "tokens (B, L, F)");
        if (s.get(1) != gridHeight * gridWidth || s.get(2) % 4 != 0) {
            throw new IllegalArgumentException("tokens " + s + " do not fit a " + gridHeight + "x" + gridWidth
                    + " grid of 2x2 patches");
        }
        long b = s.get(0);
        long c = s.get(2) / 4;
        return tokens.reshape(b, gridHeight, gridWidth, c, 2, 2).transpose(0, 3, 1, 4, 2, 5)
                .reshape(b, c, gridHeight * 2, gridWidth * 2);
    }

    static void checkRank(Shape s, int rank, String what) {
        if (s.dimension() != rank) {
            throw new IllegalArgumentException("expected " + what + ", got shape " + s);
        }
    }

    private static long half(long size, String what) {
        if (size % 2 != 0) {
            throw new IllegalArgumentException("latent " + what + " " + size + " is odd; 2x2 packing needs it even");
        }
        return size / 2;
    }
}
