package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressListener;
import java.awt.image.BufferedImage;
import java.util.function.IntUnaryOperator;

/**
 * An engine that gives back what it was sent with its colours drifted, the way FLUX's autoencoder shifts them, and
 * optionally paints a new solid object over the mask and {@code bleed} work pixels beyond it (new content spilling
 * past the mask edge, as models do).
 */
class DriftEngine implements Engine {

    static final Capabilities CAPABILITIES = Capabilities.builder().sideRange(256, 1536).build();

    private final IntUnaryOperator[] drift;
    private final Integer object;
    private final int bleed;
    EngineInput received;

    /** @param drift one per channel (red, green, blue), level in → level out (clamped to 0–255 here) */
    DriftEngine(IntUnaryOperator red, IntUnaryOperator green, IntUnaryOperator blue, Integer object, int bleed) {
        this.drift = new IntUnaryOperator[] {red, green, blue};
        this.object = object;
        this.bleed = bleed;
    }

    static DriftEngine shift(int red, int green, int blue) {
        return new DriftEngine(v -> v + red, v -> v + green, v -> v + blue, null, 0);
    }

    static DriftEngine gain(double gain) {
        IntUnaryOperator g = v -> (int) Math.round(v * gain);
        return new DriftEngine(g, g, g, null, 0);
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation) {
        received = input;
        int w = input.width();
        int h = input.height();
        byte[] painted = object == null ? null
                : MaskOps.grow(MaskOps.threshold(input.mask().pixels(), w, h, 128), w, h, bleed);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = painted != null && painted[y * w + x] != 0 ? object : input.image().getRGB(x, y);
                int r = clamp(drift[0].applyAsInt((rgb >> 16) & 0xff));
                int g = clamp(drift[1].applyAsInt((rgb >> 8) & 0xff));
                int b = clamp(drift[2].applyAsInt(rgb & 0xff));
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return EngineResult.builder().addImage(out).build();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
