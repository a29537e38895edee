package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The part of the source an engine sees, and the size it sees it at. Planned from the mask's bounding box
 * plus padding, widened until both sides reach the engine's minimum, scaled so the longest side fits its
 * maximum (or matches the requested working size), with both work sides snapped to multiples of 16 (or the
 * engine's multiple). The crop is then fitted to the snapped aspect, so scaling is uniform unless the image
 * itself is too small; it always lies inside the image and always contains the mask's bounding box.
 * A small mask on a large photo thus sends a small request.
 *
 * @param region     the crop, in source pixels
 * @param workWidth  width of the image the engine receives
 * @param workHeight height of the image the engine receives
 */
public record ContextCrop(Region region, int workWidth, int workHeight) {

    /** Work sizes are multiples of this at least (FLUX's latent patches are 16 source pixels). */
    public static final int BASE_MULTIPLE = 16;

    public ContextCrop {
        Objects.requireNonNull(region, "region");
        if (region.isEmpty() || workWidth < 1 || workHeight < 1) {
            throw new IllegalArgumentException("crop " + region + " → " + workWidth + "×" + workHeight + " is empty");
        }
    }

    /**
     * Plans the crop for a mask whose non-zero pixels lie in {@code maskBox}.
     *
     * @param padding     context kept around the mask, in source pixels, where the image has room
     * @param workingSize the longest work side asked for; empty = the crop's own size where limits allow
     * @throws EngineException {@link EngineException.Category#INVALID_INPUT} when the area is so elongated
     *                         that no scale puts both sides within the engine's limits
     */
    public static ContextCrop plan(int imageWidth, int imageHeight, Region maskBox, int padding,
                                   Capabilities capabilities, OptionalInt workingSize) throws EngineException {
        return plan(imageWidth, imageHeight, maskBox, padding, capabilities, workingSize, 0);
    }

    /**
     * As {@link #plan(int, int, Region, int, Capabilities, OptionalInt)}; without a working size, a padded crop
     * of fewer than {@code modelPixels} pixels is scaled up to about that many (both sides within the engine's
     * limits), so a small area gets the model's full detail instead of being sent at the engine's minimum side.
     *
     * @param modelPixels the model's working resolution in pixels; 0 sends the crop at its own size
     */
    public static ContextCrop plan(int imageWidth, int imageHeight, Region maskBox, int padding,
                                   Capabilities capabilities, OptionalInt workingSize, long modelPixels)
            throws EngineException {
        if (maskBox.isEmpty() || !new Region(0, 0, imageWidth, imageHeight).contains(maskBox)) {
            throw new IllegalArgumentException("mask box " + maskBox + " is empty or outside the "
                    + imageWidth + "×" + imageHeight + " image");
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding = " + padding + " is out of range: allowed 0 or more");
        }
        int multiple = lcm(BASE_MULTIPLE, capabilities.sizeMultiple());
        int minSide = ceilTo(capabilities.sideRange().min(), multiple);
        int maxSide = capabilities.sideRange().max() / multiple * multiple;
        if (minSide > maxSide) {
            throw new IllegalArgumentException("side range " + capabilities.sideRange() + " holds no multiple of " + multiple);
        }

        Region padded = maskBox.grow(padding, imageWidth, imageHeight);
        int cropW = padded.width();
        int cropH = padded.height();
        int longest = Math.max(cropW, cropH);
        double scale = workingSize.isPresent()
                ? Math.min(workingSize.getAsInt(), maxSide) / (double) longest
                : Math.min(1.0, maxSide / (double) longest);
        double area = (double) cropW * cropH;
        if (workingSize.isEmpty() && modelPixels > 0 && area < modelPixels) {
            // Up to the model's resolution, the longest side no more than the engine takes.
            scale = Math.max(scale, Math.min(Math.sqrt(modelPixels / area), maxSide / (double) longest));
        }
        // More context rather than upscaling: widen each side to the minimum where the image has room.
        cropW = Math.max(cropW, Math.min(imageWidth, (int) Math.ceil(minSide / scale)));
        cropH = Math.max(cropH, Math.min(imageHeight, (int) Math.ceil(minSide / scale)));
        // The image itself is narrower than the minimum at this scale: scale up instead.
        scale = Math.max(scale, minSide / (double) Math.min(cropW, cropH));
        if (Math.max(cropW, cropH) * scale > maxSide * (1 + 1e-9)) {
            throw new EngineException(EngineException.Category.INVALID_INPUT,
                    "The area to fill needs a " + cropW + "×" + cropH + " px crop, which is too elongated for this "
                            + "engine: each side must become " + minSide + "–" + maxSide + " px");
        }

        int workW = snap(cropW * scale, multiple, minSide, maxSide);
        int workH = snap(cropH * scale, multiple, minSide, maxSide);
        workW = preferFitting(workW, scale, multiple, minSide, maxSide, imageWidth, maskBox.width());
        workH = preferFitting(workH, scale, multiple, minSide, maxSide, imageHeight, maskBox.height());
        int targetW = clamp((int) Math.round(workW / scale), maskBox.width(), imageWidth);
        int targetH = clamp((int) Math.round(workH / scale), maskBox.height(), imageHeight);
        int x = fit(padded.x(), padded.width(), targetW, maskBox.x(), maskBox.right(), imageWidth);
        int y = fit(padded.y(), padded.height(), targetH, maskBox.y(), maskBox.bottom(), imageHeight);
        return new ContextCrop(new Region(x, y, targetW, targetH), workW, workH);
    }

    /** Horizontal scale from source to work pixels. */
    public double scaleX() {
        return workWidth / (double) region.width();
    }

    /** Vertical scale from source to work pixels (equal to {@link #scaleX()} up to rounding, unless the image is too small). */
    public double scaleY() {
        return workHeight / (double) region.height();
    }

    /** The crop of {@code source}, scaled to the work size, as an opaque RGB image. */
    public BufferedImage image(BufferedImage source) {
        int[] pixels = new RgbRows(source).read(region);
        int[] scaled = Resampler.scaleRgb(pixels, region.width(), region.height(), workWidth, workHeight);
        BufferedImage out = new BufferedImage(workWidth, workHeight, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, workWidth, workHeight, scaled, 0, workWidth);
        return out;
    }

    /**
     * The crop of the full-resolution {@code mask}, scaled to the work size; values below
     * {@link MaskOps#NOISE_FLOOR} count as 0 here as they do for the crop and the paste-back.
     */
    public Mask mask(Mask mask) {
        byte[] pixels = MaskOps.withoutNoise(mask.pixels(region.x(), region.y(), region.width(), region.height()));
        byte[] out = Resampler.scale(pixels, region.width(), region.height(), workWidth, workHeight);
        return Mask.of(workWidth, workHeight, out);
    }

    /**
     * For engines that take a black-and-white mask ({@link Capabilities#binaryMask()}): white on every work pixel
     * that any mask pixel of at least {@link MaskOps#NOISE_FLOOR} touches, grown by one work pixel for the
     * provider's own resampling, black elsewhere. Every softly painted pixel is thus regenerated; how much of it
     * is kept is the paste-back's business (the grey level is the strength).
     */
    public Mask coveringMask(Mask mask) {
        byte[] pixels = MaskOps.withoutNoise(mask.pixels(region.x(), region.y(), region.width(), region.height()));
        byte[] extent = MaskOps.threshold(pixels, region.width(), region.height(), 1);
        byte[] scaled = Resampler.scale(extent, region.width(), region.height(), workWidth, workHeight);
        byte[] covering = MaskOps.grow(MaskOps.threshold(scaled, workWidth, workHeight, 1), workWidth, workHeight, 1);
        return Mask.of(workWidth, workHeight, covering);
    }

    /**
     * Keeps the scale uniform where rounding to the multiple would otherwise force a stretch: one multiple
     * up when the rounded side would no longer cover the mask, one down when it would need more source
     * pixels than the image has.
     */
    private static int preferFitting(int work, double scale, int multiple, int minSide, int maxSide,
                                     int imageSide, int maskSide) {
        if (Math.round(work / scale) < maskSide && work + multiple <= maxSide
                && Math.round((work + multiple) / scale) <= imageSide) {
            return work + multiple;
        }
        if (Math.round(work / scale) > imageSide) {
            int smaller = work - multiple;
            if (smaller >= minSide && Math.round(smaller / scale) >= maskSide && Math.round(smaller / scale) <= imageSide) {
                return smaller;
            }
        }
        return work;
    }

    /** Start of an interval of {@code length} near the padded one's centre, holding the mask, inside the image. */
    private static int fit(int start, int size, int length, int maskStart, int maskEnd, int imageSize) {
        int preferred = start + (size - length) / 2;
        int lowest = Math.max(0, maskEnd - length);
        int highest = Math.min(maskStart, imageSize - length);
        return clamp(preferred, lowest, highest);
    }

    private static int snap(double value, int multiple, int min, int max) {
        return clamp((int) Math.round(value / multiple) * multiple, min, max);
    }

    private static int ceilTo(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
