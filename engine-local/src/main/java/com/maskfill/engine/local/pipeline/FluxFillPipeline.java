package com.maskfill.engine.local.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.sampling.Bf16Rounding;
import com.maskfill.engine.local.sampling.DifferentialDiffusion;
import com.maskfill.engine.local.sampling.FillDenoiser;
import com.maskfill.engine.local.sampling.FillImages;
import com.maskfill.engine.local.sampling.FlowSchedule;
import com.maskfill.engine.local.sampling.LatentPacking;
import com.maskfill.engine.local.sampling.MaskPacking;
import com.maskfill.engine.local.sampling.PositionIds;
import com.maskfill.engine.local.sampling.NoiseConvention;
import com.maskfill.engine.local.transformer.FluxTransformer;
import com.maskfill.engine.local.vae.Autoencoder;
import com.maskfill.engine.local.vae.TiledDecoder;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One fill, as the reference fill pipeline (prepare_fill, get_schedule, denoise, unpack, decode): the masked image is
 * encoded, packed next to the packed mask, the seed's noise is denoised over the shifted schedule, the latent decoded
 * and converted to 8-bit RGB. The prompt arrives already encoded (T5 {@code txt}, CLIP {@code vec}); crop and
 * paste-back are the shared pipeline's business, not this class's.
 */
public final class FluxFillPipeline {

    /**
     * @param bf16Reference reproduce the bf16 reference's roundings of the scalars and the conditioning (parity
     *     runs); otherwise everything stays float32
     */
    public record Settings(int steps, float guidance, long seed, boolean bf16Reference, NoiseConvention noise) {

        public Settings {
            if (steps < 1 || steps > 1000) {
                throw new IllegalArgumentException("steps must be 1..1000, got " + steps);
            }
            Objects.requireNonNull(noise, "noise");
        }

        /** With the reference's noise. */
        public Settings(int steps, float guidance, long seed, boolean bf16Reference) {
            this(steps, guidance, seed, bf16Reference, NoiseConvention.REFERENCE);
        }
    }

    /**
     * A fill's picture and what it came from: the final packed latent (1, L, 64) and the decoded image (3, H, W) in
     * [-1, 1], both float32 on the host, for parity checks and diagnostics.
     */
    public record Output(BufferedImage image, float[] latent, float[] decoded) {
    }

    private final FluxTransformer model;
    private final Autoencoder autoencoder;
    private final TiledDecoder tiles;

    public FluxFillPipeline(FluxTransformer model, Autoencoder autoencoder) {
        this(model, autoencoder, null);
    }

    /** @param tiles decodes in tiles (a large image on a small GPU); null decodes whole */
    public FluxFillPipeline(FluxTransformer model, Autoencoder autoencoder, TiledDecoder tiles) {
        this.model = model;
        this.autoencoder = autoencoder;
        this.tiles = tiles;
    }

    /**
     * @param image RGB source, width and height multiples of 16
     * @param mask same size; white = regenerate, gray = partial (not binarized, as the reference; grey is also a
     *     denoising strength, see {@link DifferentialDiffusion})
     * @param txt (1, Ltxt, contextInDim) T5 hidden states
     * @param vec (1, vecInDim) pooled CLIP embedding
     */
    public BufferedImage fill(BufferedImage image, BufferedImage mask, NDArray txt, NDArray vec, Settings settings,
            FillDenoiser.StepListener listener, BooleanSupplier cancelled) {
        return run(image, mask, txt, vec, settings, listener, cancelled).image();
    }

    /**
     * As {@link #fill}, keeping the latent and the decoded floats.
     *
     * @throws CancellationException when {@code cancelled} says so between components or steps
     */
    public Output run(BufferedImage image, BufferedImage mask, NDArray txt, NDArray vec, Settings settings,
            FillDenoiser.StepListener listener, BooleanSupplier cancelled) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (mask.getWidth() != width || mask.getHeight() != height) {
            throw new IllegalArgumentException("mask is " + mask.getWidth() + "x" + mask.getHeight() + " but the image is "
                    + width + "x" + height);
        }
        if (width % 16 != 0 || height % 16 != 0) {
            throw new IllegalArgumentException("image " + width + "x" + height + " is not a multiple of 16 pixels");
        }
        int gridW = width / 16;
        int gridH = height / 16;
        try (NDManager job = txt.getManager().newSubManager()) {
            checkCancelled(cancelled, "encoding the image");
            NDArray pixels = FillImages.rgb(job, image);
            NDArray maskPixels = FillImages.mask(job, mask);
            NDArray strengths = maskPixels;
            NDArray masked = pixels.mul(maskPixels.expandDims(1).neg().add(1f));
            NDArray latent = LatentPacking.pack(autoencoder.encode(masked));
            if (settings.bf16Reference()) {
                // the reference hands bf16 tensors to the model: the conditioning and the encoded prompt
                latent = Bf16Rounding.round(latent);
                maskPixels = Bf16Rounding.round(maskPixels);
                txt = Bf16Rounding.round(txt);
                vec = Bf16Rounding.round(vec);
                txt.attach(job);
                vec.attach(job);
            }
            NDArray conditioning = NDArrays.concat(new NDList(latent, MaskPacking.pack(maskPixels)), 2);
            NDArray noise = LatentPacking.pack(job.create(settings.noise().forImage(settings.seed(), width, height),
                    new Shape(1, 16, 2L * gridH, 2L * gridW)));

            // a grey mask is also a per-pixel denoising strength; the source is encoded once more only then
            DifferentialDiffusion soft = DifferentialDiffusion.forMask(strengths, noise,
                    () -> LatentPacking.pack(autoencoder.encode(pixels))).orElse(null);

            model.setBf16ReferenceScalars(settings.bf16Reference());
            NDArray result = new FillDenoiser(model).denoise(noise, conditioning, PositionIds.image(job, gridH, gridW),
                    txt, PositionIds.text(job, (int) txt.getShape().get(1)), vec,
                    FlowSchedule.timesteps(settings.steps(), gridH * gridW), settings.guidance(), soft, listener,
                    cancelled);
            checkCancelled(cancelled, "decoding");
            float[] latentValues = result.toFloatArray();
            NDArray z = LatentPacking.unpack(result, gridH, gridW);
            float[] decoded = (tiles != null ? tiles.decode(z) : autoencoder.decode(z)).toFloatArray();
            return new Output(toImage(decoded, width, height), latentValues, decoded);
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled, String before) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled before " + before);
        }
    }

    /** (3, H, W) in [-1, 1] to RGB: clamp, then {@code 127.5 (x + 1)} truncated, as the reference writes its images. */
    static BufferedImage toImage(float[] chw, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                out.setRGB(x, y, (level(chw[i]) << 16) | (level(chw[plane + i]) << 8) | level(chw[2 * plane + i]));
            }
        }
        return out;
    }

    private static int level(float v) {
        float clamped = Math.max(-1f, Math.min(1f, v));
        return (int) (127.5f * (clamped + 1f));
    }
}
