package com.maskfill.engine.local.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The Fill model's mask input (local-engine.md §2.4): each 8x8 pixel block becomes 64 channels of the latent pixel it
 * covers ({@code channel = ph*8 + pw}), then the same 2x2 packing as the latents, giving 256 features per token
 * ({@code (ph8*8 + pw8)*4 + ph2*2 + pw2}). A pure permutation, so bit-exact.
 */
public final class MaskPacking {

    /** Pixels per latent pixel along each axis (the autoencoder downsamples 8x). */
    public static final int VAE_FACTOR = 8;

    private MaskPacking() {
    }

    /** (B, H, W) pixel mask, H and W multiples of 16, to (B, (H/16)*(W/16), 256). */
    public static NDArray pack(NDArray mask) {
        Shape s = mask.getShape();
        LatentPacking.checkRank(s, 3, "mask (B, H, W)");
        long b = s.get(0);
        if (s.get(1) % (2 * VAE_FACTOR) != 0 || s.get(2) % (2 * VAE_FACTOR) != 0) {
            throw new IllegalArgumentException("mask " + s.get(2) + "x" + s.get(1) + " is not a multiple of 16 pixels");
        }
        long h = s.get(1) / VAE_FACTOR;
        long w = s.get(2) / VAE_FACTOR;
        NDArray channels = mask.reshape(b, h, VAE_FACTOR, w, VAE_FACTOR).transpose(0, 2, 4, 1, 3)
                .reshape(b, VAE_FACTOR * VAE_FACTOR, h, w);
        return LatentPacking.pack(channels);
    }
}
