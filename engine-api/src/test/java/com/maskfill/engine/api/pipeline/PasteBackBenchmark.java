package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Times crop and paste-back for one output on a 6000×4000 (24 MP) photo: a small mask (the common case)
 * and a mask over most of the photo (the crop is scaled down to 1536 and the output back up). Run like
 * {@link MaskOpsBenchmark}; prints {@code name value unit} lines (median of 5 after 2 warm-ups).
 */
public final class PasteBackBenchmark {

    private static final int W = 6000;
    private static final int H = 4000;

    private PasteBackBenchmark() {
    }

    public static void main(String[] args) throws EngineException {
        BufferedImage photo = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Capabilities caps = Capabilities.builder().sideRange(256, 1536).build();
        run("small", photo, rectMask(2000, 1500, 300, 200), caps);
        run("large", photo, rectMask(300, 300, 5400, 3400), caps);
    }

    private static void run(String name, BufferedImage photo, Mask mask, Capabilities caps) throws EngineException {
        Region box = MaskOps.boundingBox(mask.pixels(), W, H).orElseThrow();
        ContextCrop crop = ContextCrop.plan(W, H, box, 48, caps, OptionalInt.empty());
        BufferedImage output = crop.image(photo);
        BenchmarkTimer.report("pipeline.crop_ms.24mp." + name, () -> {
            crop.image(photo);
            crop.mask(mask);
        });
        BenchmarkTimer.report("pipeline.pasteback_ms.24mp." + name, () -> new PasteBack(mask, crop.region(), 8).apply(photo, output));
    }

    private static Mask rectMask(int x0, int y0, int w, int h) {
        byte[] m = new byte[W * H];
        for (int y = y0; y < y0 + h; y++) {
            Arrays.fill(m, y * W + x0, y * W + x0 + w, (byte) 255);
        }
        return Mask.of(W, H, m);
    }
}
