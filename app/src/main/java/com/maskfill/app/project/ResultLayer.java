package com.maskfill.app.project;

import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.UUID;

/**
 * One output of a job, already blended into the photo: only the pixels of {@code region} are kept, since the
 * rest of the result is the photo itself. A 4-variation job on a 40-megapixel photo stays small.
 */
public final class ResultLayer {

    private final UUID id;
    private final Region region;
    private final BufferedImage pixels;

    public ResultLayer(UUID id, Region region, BufferedImage pixels) {
        this.id = Objects.requireNonNull(id, "id");
        this.region = Objects.requireNonNull(region, "region");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        if (pixels.getWidth() != region.width() || pixels.getHeight() != region.height()) {
            throw new IllegalArgumentException("layer pixels are " + pixels.getWidth() + "×" + pixels.getHeight()
                    + " but its region is " + region);
        }
    }

    /** The layer of a full-size pasted result: the pixels inside {@code region}, copied. */
    public static ResultLayer cut(BufferedImage fullSize, Region region) {
        BufferedImage patch = new BufferedImage(region.width(), region.height(), BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[region.width()];
        for (int y = 0; y < region.height(); y++) {
            fullSize.getRGB(region.x(), region.y() + y, region.width(), 1, row, 0, region.width());
            patch.setRGB(0, y, region.width(), 1, row, 0, region.width());
        }
        return new ResultLayer(UUID.randomUUID(), region, patch);
    }

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
                pixels);
    }

    public UUID id() {
        return id;
    }

    public Region region() {
        return region;
    }

    /** {@code region}-sized ARGB pixels. Do not modify. */
    public BufferedImage pixels() {
        return pixels;
    }
}
