package com.maskfill.app.project;

import com.maskfill.engine.api.pipeline.MaskOps;
import com.maskfill.engine.api.pipeline.PasteBack;
import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.UUID;

/**
 * One output of a job, as the paste-back made it (see {@link PasteBack#layer}): the output's pixels over its crop
 * {@code region}, with the blend weight (the mask feathered outward) as alpha. Applying blends it into the photo
 * as it is then, so only what the result changed is written; the rest of the crop is never kept. A 4-variation
 * job on a 120-megapixel photo stays small.
 */
public final class ResultLayer {

    private final UUID id;
    private final Region region;
    private final BufferedImage pixels;
    private final Long seed;
    private final boolean colorMatched;
    private final boolean favourite;

    /** A layer whose colours were not matched to the photo (as every layer of a project before colour matching). */
    public ResultLayer(UUID id, Region region, BufferedImage pixels) {
        this(id, region, pixels, null, false);
    }

    /** @param seed see {@link #ResultLayer(UUID, Region, BufferedImage, Long, boolean)} */
    public ResultLayer(UUID id, Region region, BufferedImage pixels, Long seed) {
        this(id, region, pixels, seed, false);
    }

    /** @param colorMatched see {@link #ResultLayer(UUID, Region, BufferedImage, Long, boolean)} */
    public ResultLayer(UUID id, Region region, BufferedImage pixels, boolean colorMatched) {
        this(id, region, pixels, null, colorMatched);
    }

    /**
     * @param seed         the seed that makes this image again as a one-image job with its group's settings; null
     *                     when the engine made it in a batch from one seed and cannot say (see {@link #seed()})
     * @param colorMatched whether the output's colours were matched to the photo before paste-back
     */
    public ResultLayer(UUID id, Region region, BufferedImage pixels, Long seed, boolean colorMatched) {
        this(id, region, pixels, seed, colorMatched, false);
    }

    /** @param favourite starred on the variation board (see {@link #favourite()}) */
    public ResultLayer(UUID id, Region region, BufferedImage pixels, Long seed, boolean colorMatched,
                       boolean favourite) {
        this.favourite = favourite;
        this.seed = seed;
        this.colorMatched = colorMatched;
        this.id = Objects.requireNonNull(id, "id");
        this.region = Objects.requireNonNull(region, "region");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        if (pixels.getWidth() != region.width() || pixels.getHeight() != region.height()) {
            throw new IllegalArgumentException("layer pixels are " + pixels.getWidth() + "×" + pixels.getHeight()
                    + " but its region is " + region);
        }
    }

    /**
     * A layer saved by project format 1, which kept the output already blended into the photo over the whole
     * crop. Its weight is derived from the group's mask: 255 wherever that paste-back could have changed a pixel
     * (within its feather radius of a non-zero mask pixel), 0 elsewhere. Applied to the photo it was made for,
     * it gives exactly what format 1 gave; outside that reach it no longer brings back the crop's old
     * surroundings.
     *
     * @param maskInRegion the group's mask over {@code region}, 8-bit
     */
    public static ResultLayer fromBlendedCrop(UUID id, Region region, BufferedImage blended, byte[] maskInRegion) {
        int w = region.width();
        int h = region.height();
        if (blended.getWidth() != w || blended.getHeight() != h) {
            throw new IllegalArgumentException("layer pixels are " + blended.getWidth() + "×" + blended.getHeight()
                    + " but its region is " + region);
        }
        byte[] reach = MaskOps.grow(MaskOps.threshold(maskInRegion, w, h, 1), w, h, FORMAT_1_FEATHER_RADIUS);
        BufferedImage layer = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            blended.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                row[x] = (reach[y * w + x] == 0 ? 0 : 0xff000000) | (row[x] & 0xffffff);
            }
            layer.setRGB(0, y, w, 1, row, 0, w);
        }
        return new ResultLayer(id, region, layer);
    }

    /** The feather every format-1 project was made with (the editor and the CLI never changed it). */
    private static final int FORMAT_1_FEATHER_RADIUS = 8;

    /**
     * The same layer in the same place: moved there and back (Extend Canvas and its undo) it equals what the
     * history's entries hold, so they find it again. The pixels travel with the id.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ResultLayer l && l.id.equals(id) && l.region.equals(region);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + region.hashCode();
    }

    /** The same layer moved by (dx, dy). */
    public ResultLayer shifted(int dx, int dy) {
        return new ResultLayer(id, new Region(region.x() + dx, region.y() + dy, region.width(), region.height()),
                pixels, seed, colorMatched, favourite);
    }

    /** The same layer (equal to this one, with the same pixels), starred or not. */
    public ResultLayer withFavourite(boolean starred) {
        return starred == favourite ? this : new ResultLayer(id, region, pixels, seed, colorMatched, starred);
    }

    /**
     * True when the designer starred it on the variation board: "keep favourites" discards its job's other
     * results. Not part of equality, so the history's entries find a layer however often it was starred.
     */
    public boolean favourite() {
        return favourite;
    }

    /**
     * This image's own seed: with it, one image and the group's other settings, the same engine makes this image
     * again. Empty when unknown: a provider that makes a job's images in one call from one seed does not say which
     * seed each image had, and the group's seed would reproduce only the whole batch.
     */
    public java.util.OptionalLong seed() {
        return seed == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(seed);
    }

    /** True when the output's colours were matched to the photo at the seam before paste-back. */
    public boolean colorMatched() {
        return colorMatched;
    }

    public UUID id() {
        return id;
    }

    public Region region() {
        return region;
    }

    /** {@code region}-sized ARGB pixels, not premultiplied: the output's colours, the blend weight as alpha. Do not modify. */
    public BufferedImage pixels() {
        return pixels;
    }
}
