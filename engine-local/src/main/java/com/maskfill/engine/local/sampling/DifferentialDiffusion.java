package com.maskfill.engine.local.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Soft masks as per-pixel denoising strength (differential diffusion, as Krita and InvokeAI use it with FLUX Fill): a
 * latent pixel of strength {@code s} strictly between 0 and 1 is held on the source latent, noised to the current
 * time, for as long as the schedule's time {@code t} is above {@code s}, and is denoised freely from then on. A 50 %
 * grey pixel so goes through the last half of the schedule only, like an image-to-image pass of strength 0.5, and ends
 * closer to the source than a white one.
 * <p>
 * Strength 1 is never held, so white keeps the plain fill bit for bit. Strength 0 is not held either: the Fill model
 * already sees those pixels in its conditioning and the paste-back keeps them, so a black-and-white mask runs exactly
 * as the reference does. A latent pixel takes the strongest of its 8x8 mask pixels, so a black-white edge that cuts
 * through a block does not make the block soft.
 */
public final class DifferentialDiffusion {

    private final NDArray source;
    private final NDArray noise;
    private final NDArray strength;
    private final float weakest;

    private DifferentialDiffusion(NDArray source, NDArray noise, NDArray strength, float weakest) {
        this.source = source;
        this.noise = noise;
        this.strength = strength;
        this.weakest = weakest;
    }

    /**
     * @param mask (1, H, W) pixel mask in [0, 1], H and W multiples of 16
     * @param noise (1, L, 64) packed initial noise (the caller's, left untouched)
     * @param sourceLatent the packed (1, L, 64) latent of the unmasked source; asked for only when the mask is soft
     * @return empty when no latent pixel has a strength strictly between 0 and 1 (nothing to hold, nothing to encode)
     */
    public static Optional<DifferentialDiffusion> forMask(NDArray mask, NDArray noise, Supplier<NDArray> sourceLatent) {
        Shape s = mask.getShape();
        LatentPacking.checkRank(s, 3, "mask (B, H, W)");
        long h = s.get(1) / MaskPacking.VAE_FACTOR;
        long w = s.get(2) / MaskPacking.VAE_FACTOR;
        NDArray perLatentPixel = mask.reshape(s.get(0), h, MaskPacking.VAE_FACTOR, w, MaskPacking.VAE_FACTOR)
                .max(new int[] {4}).max(new int[] {2});
        float weakest = Float.POSITIVE_INFINITY;
        for (float v : perLatentPixel.toFloatArray()) {
            if (v > 0f && v < 1f) {
                weakest = Math.min(weakest, v);
            }
        }
        if (weakest == Float.POSITIVE_INFINITY) {
            perLatentPixel.close();
            return Optional.empty();
        }
        // the same strength for the 16 channels of a latent pixel, then packed like the latent
        NDArray strength = LatentPacking.pack(perLatentPixel.expandDims(1).broadcast(new Shape(s.get(0), 16, h, w)));
        // its own copy: the denoiser moves the caller's noise between step scopes, and one array cannot be in two
        return Optional.of(new DifferentialDiffusion(sourceLatent.get(), noise.duplicate(), strength, weakest));
    }

    /**
     * The latent at time {@code t} with the pixels still held put back on the source noised to {@code t}
     * ({@code t·noise + (1 − t)·source}, the flow's own interpolation); {@code latent} itself when none is held.
     * New arrays are made in {@code scope}.
     */
    public NDArray hold(NDArray latent, float t, NDManager scope) {
        if (!(weakest < t)) {
            return latent;
        }
        source.tempAttach(scope);
        noise.tempAttach(scope);
        strength.tempAttach(scope);
        NDArray held = strength.gt(0f).logicalAnd(strength.lt(t));
        NDArray noised = noise.mul(t).add(source.mul(1f - t));
        return NDArrays.where(held, noised, latent);
    }

    /** The weakest soft strength: pixels are held up to the step whose time is at or below it. */
    public float weakest() {
        return weakest;
    }
}
