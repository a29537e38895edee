package com.maskfill.app.history;

import com.maskfill.app.project.ResultLayer;
import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;

/**
 * Small pictures of results for the variation board: the result over the photo, across its crop, at most
 * {@value #LONGEST_SIDE} px on its longest side. The photo is sampled on the thread that owns it (a few thousand
 * reads, cheap); the layer, whose pixels never change, is averaged over every pixel on any thread. Nothing
 * full-size is kept: the picture is made at twice its size and averaged down, so it is smooth, not aliased.
 */
public final class ResultThumbnails {

    /** The longest side of a thumbnail, in pixels: the board draws it at 96 px, so it stays crisp on HiDPI screens. */
    public static final int LONGEST_SIDE = 128;

    private ResultThumbnails() {
    }

    /** The photo under a result, point-sampled on the grid {@link #make} averages the layer onto. */
    public record PhotoSample(int width, int height, int[] argb) {
    }

    /**
     * Reads the photo under {@code region} at the grid's points. Call it where the photo may be read (the FX
     * thread, which alone changes it); it costs at most 256 × 256 reads whatever the region's size.
     */
    public static PhotoSample samplePhoto(BufferedImage photo, Region region) {
        int[] grid = grid(region);
        int gw = grid[0];
        int gh = grid[1];
        int[] argb = new int[gw * gh];
        for (int gy = 0; gy < gh; gy++) {
            int y = region.y() + (int) ((gy + 0.5) * region.height() / gh);
            for (int gx = 0; gx < gw; gx++) {
                argb[gy * gw + gx] = photo.getRGB(region.x() + (int) ((gx + 0.5) * region.width() / gw), y);
            }
        }
        return new PhotoSample(gw, gh, argb);
    }

    /** The layer blended over the sampled photo by its weight, averaged down to the thumbnail's size; any thread. */
    public static BufferedImage make(ResultLayer layer, PhotoSample photo) {
        Region r = layer.region();
        int[] grid = grid(r);
        if (grid[0] != photo.width() || grid[1] != photo.height()) {
            throw new IllegalArgumentException("the photo was sampled for another area than " + r);
        }
        int gw = grid[0];
        int gh = grid[1];
        int[] composed = new int[gw * gh];
        long[] sums = new long[gw * 4]; // per grid column: alpha, alpha × red, × green, × blue
        int[] count = new int[gw];
        int[] row = new int[r.width()];
        for (int y = 0; y < r.height(); y++) {
            layer.pixels().getRGB(0, y, r.width(), 1, row, 0, r.width());
            for (int x = 0; x < r.width(); x++) {
                int gx = (int) ((long) x * gw / r.width());
                int p = row[x];
                int a = p >>> 24;
                sums[gx * 4] += a;
                sums[gx * 4 + 1] += (long) a * (p >> 16 & 0xFF);
                sums[gx * 4 + 2] += (long) a * (p >> 8 & 0xFF);
                sums[gx * 4 + 3] += (long) a * (p & 0xFF);
                count[gx]++;
            }
            int gy = (int) ((long) y * gh / r.height());
            if (y + 1 == r.height() || (long) (y + 1) * gh / r.height() != gy) { // the grid row is complete
                for (int gx = 0; gx < gw; gx++) {
                    composed[gy * gw + gx] = blend(photo.argb()[gy * gw + gx], sums, gx, count[gx]);
                }
                java.util.Arrays.fill(sums, 0);
                java.util.Arrays.fill(count, 0);
            }
        }
        int[] size = size(r);
        return averagedDown(composed, gw, gh, size[0], size[1]);
    }

    /** The thumbnail's width and height for a result over {@code region}: never larger than the region. */
    public static int[] size(Region region) {
        double scale = Math.min(1.0, (double) LONGEST_SIDE / Math.max(region.width(), region.height()));
        return new int[] {Math.max(1, (int) Math.round(region.width() * scale)),
                Math.max(1, (int) Math.round(region.height() * scale))};
    }

    /** The grid the layer is averaged onto: twice the thumbnail's size, or the region's own where smaller. */
    private static int[] grid(Region region) {
        int[] size = size(region);
        return new int[] {Math.min(region.width(), 2 * size[0]), Math.min(region.height(), 2 * size[1])};
    }

    /** The photo's colour where the layer is transparent, the layer's where it is opaque, in proportion. */
    private static int blend(int photo, long[] sums, int gx, int n) {
        if (n == 0) {
            return 0xFF000000 | photo;
        }
        double weight = sums[gx * 4] / (255.0 * n);
        int out = 0xFF000000;
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            double layerPart = sums[gx * 4 + 1 + c] / (255.0 * n); // Σ a·c / 255 / n
            double value = layerPart + (photo >> shift & 0xFF) * (1 - weight);
            out |= Math.min(255, (int) Math.round(value)) << shift;
        }
        return out;
    }

    /** Box-averages an opaque {@code sw × sh} picture down to {@code dw × dh}. */
    private static BufferedImage averagedDown(int[] src, int sw, int sh, int dw, int dh) {
        BufferedImage out = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        for (int dy = 0; dy < dh; dy++) {
            int y0 = dy * sh / dh;
            int y1 = Math.max(y0 + 1, (dy + 1) * sh / dh);
            for (int dx = 0; dx < dw; dx++) {
                int x0 = dx * sw / dw;
                int x1 = Math.max(x0 + 1, (dx + 1) * sw / dw);
                long r = 0;
                long g = 0;
                long b = 0;
                int n = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int p = src[y * sw + x];
                        r += p >> 16 & 0xFF;
                        g += p >> 8 & 0xFF;
                        b += p & 0xFF;
                        n++;
                    }
                }
                out.setRGB(dx, dy, (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n));
            }
        }
        return out;
    }
}
