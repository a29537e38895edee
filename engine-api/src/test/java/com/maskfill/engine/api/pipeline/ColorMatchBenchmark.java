package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The cost of colour matching on an 8000×5000 (40 MP) photo with a textured ring: finding the ring once per job
 * ({@link ColorMatch#of}) and the fit and correction per output ({@link ColorMatch#correct}), next to the
 * paste-back it precedes, for a small mask and for one over most of the photo (crop scaled to 1536 and back).
 * Run with {@code scripts/benchmark.sh color-match}; prints {@code name value unit} lines (median of 5 after 2
 * warm-ups).
 */
public final class ColorMatchBenchmark {

    private static final int W = 8000;
    private static final int H = 5000;

    private ColorMatchBenchmark() {
    }

    public static void main(String[] args) throws EngineException {
        BufferedImage photo = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int t = (int) (40 * Math.sin(x / 23.0) * Math.cos(y / 31.0));
                row[x] = clamp(60 + x / 40 + t) << 16 | clamp(90 + y / 30 - t / 2) << 8 | clamp(150 + t / 3);
            }
            photo.setRGB(0, y, W, 1, row, 0, W);
        }
        Capabilities caps = Capabilities.builder().sideRange(256, 1536).build();
        run("small", photo, rectMask(4000, 2500, 300, 200), caps);
        run("large", photo, rectMask(300, 300, 7400, 4400), caps);
    }

    private static void run(String name, BufferedImage photo, Mask mask, Capabilities caps) throws EngineException {
        Region box = MaskOps.boundingBox(mask).orElseThrow();
        ContextCrop crop = ContextCrop.plan(W, H, box, FillPipeline.DEFAULT_PADDING, caps, OptionalInt.empty());
        int gap = FillPipeline.seamGap(crop);
        // The engine's output: the crop as sent, drifted by +14/−10/+8.
        BufferedImage output = crop.image(photo);
        for (int y = 0; y < output.getHeight(); y++) {
            for (int x = 0; x < output.getWidth(); x++) {
                int p = output.getRGB(x, y);
                output.setRGB(x, y, clamp(((p >> 16) & 0xff) + 14) << 16 | clamp(((p >> 8) & 0xff) - 10) << 8
                        | clamp((p & 0xff) + 8));
            }
        }
        PasteBack pasteBack = new PasteBack(mask, crop.region(), FillPipeline.DEFAULT_FEATHER_RADIUS);
        ColorMatch match = ColorMatch.of(photo, mask, crop.region(), gap);
        int[] scaled = pasteBack.scaled(output);
        if (!match.correct(scaled.clone())) {
            throw new IllegalStateException("the benchmark's drift was not corrected: it would time the wrong path");
        }
        String suffix = ".40mp." + name;
        BenchmarkTimer.report("pipeline.colormatch_ring_ms" + suffix, () -> ColorMatch.of(photo, mask, crop.region(), gap));
        BenchmarkTimer.report("pipeline.colormatch_correct_ms" + suffix, () -> match.correct(scaled.clone()));
        BenchmarkTimer.report("pipeline.pasteback_weights_ms" + suffix,
                () -> new PasteBack(mask, crop.region(), FillPipeline.DEFAULT_FEATHER_RADIUS));
        BenchmarkTimer.report("pipeline.pasteback_layer_ms" + suffix, () -> pasteBack.layerOf(scaled.clone()));
        System.out.println("pipeline.colormatch_ring_pixels" + suffix + " " + match.ringSize() + " px");
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static Mask rectMask(int x0, int y0, int w, int h) {
        byte[] m = new byte[W * H];
        for (int y = y0; y < y0 + h; y++) {
            Arrays.fill(m, y * W + x0, y * W + x0 + w, (byte) 255);
        }
        return Mask.of(W, H, m);
    }
}
