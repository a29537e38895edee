package com.maskfill.app.mask;

import com.maskfill.app.history.Edit;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * One gesture that moves mask pixels towards a target value (255 to paint, 0 to erase) with a stroke
 * opacity.
 *
 * <p>The stroke keeps a coverage buffer per touched tile holding the maximum coverage any dab (or
 * shape) of this stroke gave each pixel, and every pixel is recomputed from its value <em>before the
 * stroke</em>: {@code value = before + (target − before) × coverage × opacity}. So overlapping dabs of
 * one stroke never build up past the stroke's opacity, while the next stroke starts from the new
 * values and does build up.
 *
 * <p>Writes do not notify the mask's listeners one dab at a time; call {@link #flush()} once per input
 * event. {@link #finish} returns the single history entry for the whole gesture.
 */
public final class MaskStroke {

    private final Mask mask;
    private final int target;
    private final int opacity255;
    private final TileRecorder recorder;
    private final byte[][] coverage;
    private PixelRect pending = PixelRect.EMPTY;
    private boolean finished;
    private BufferedImage shapeTile;

    /**
     * @param target  the value full coverage moves a pixel to: 255 paints, 0 erases
     * @param opacity 0–1, the most this stroke moves any pixel towards {@code target}
     */
    public MaskStroke(Mask mask, int target, double opacity) {
        if (target < 0 || target > 255) {
            throw new IllegalArgumentException("Stroke target value must be 0–255, got " + target);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("Stroke opacity must be 0–1 (0–100 %), got " + opacity);
        }
        this.mask = mask;
        this.target = target;
        this.opacity255 = (int) Math.round(opacity * 255);
        this.recorder = new TileRecorder(mask);
        this.coverage = new byte[mask.tilesX() * mask.tilesY()][];
    }

    public Mask mask() {
        return mask;
    }

    /** Stamps one round dab centred at image coordinates (cx, cy); returns the pixels it may have changed. */
    public PixelRect dab(double cx, double cy, BrushTip tip) {
        checkOpen();
        double outer = tip.outerRadius();
        // Pixel (x, y) is touched when its centre (x + .5, y + .5) lies strictly inside the outer radius.
        PixelRect area = PixelRect.ofBounds(
                (int) Math.floor(cx - outer - 0.5) + 1, (int) Math.floor(cy - outer - 0.5) + 1,
                (int) Math.ceil(cx + outer - 0.5), (int) Math.ceil(cy + outer - 0.5)).intersect(mask.bounds());
        if (area.isEmpty() || opacity255 == 0) {
            return PixelRect.EMPTY;
        }
        int tx0 = area.x() >> Mask.TILE_SHIFT;
        int ty0 = area.y() >> Mask.TILE_SHIFT;
        int tx1 = (area.maxX() - 1) >> Mask.TILE_SHIFT;
        int ty1 = (area.maxY() - 1) >> Mask.TILE_SHIFT;
        for (int ty = ty0; ty <= ty1; ty++) {
            for (int tx = tx0; tx <= tx1; tx++) {
                dabIntoTile(tx, ty, area, cx, cy, tip);
            }
        }
        pending = pending.union(area);
        return area;
    }

    /**
     * Covers a filled shape (image coordinates, non-zero winding as Java2D defines it) with antialiased
     * edges; the coverage comes from Java2D's rasterizer, one mask tile at a time so memory stays small.
     */
    public PixelRect cover(Shape shape) {
        checkOpen();
        Rectangle2D b = shape.getBounds2D();
        PixelRect area = PixelRect.ofBounds((int) Math.floor(b.getMinX()), (int) Math.floor(b.getMinY()),
                (int) Math.ceil(b.getMaxX()), (int) Math.ceil(b.getMaxY())).intersect(mask.bounds());
        if (area.isEmpty() || opacity255 == 0) {
            return PixelRect.EMPTY;
        }
        if (shapeTile == null) {
            shapeTile = new BufferedImage(Mask.TILE_SIZE, Mask.TILE_SIZE, BufferedImage.TYPE_BYTE_GRAY);
        }
        byte[] raster = ((DataBufferByte) shapeTile.getRaster().getDataBuffer()).getData();
        for (int ty = area.y() >> Mask.TILE_SHIFT; ty <= (area.maxY() - 1) >> Mask.TILE_SHIFT; ty++) {
            for (int tx = area.x() >> Mask.TILE_SHIFT; tx <= (area.maxX() - 1) >> Mask.TILE_SHIFT; tx++) {
                java.util.Arrays.fill(raster, (byte) 0);
                Graphics2D g = shapeTile.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                    g.translate(-(tx << Mask.TILE_SHIFT), -(ty << Mask.TILE_SHIFT));
                    g.setColor(Color.WHITE);
                    g.fill(shape);
                } finally {
                    g.dispose();
                }
                coverTile(tx, ty, area, raster);
            }
        }
        pending = pending.union(area);
        return area;
    }

    /** Tells the mask's listeners about everything written since the last flush. */
    public void flush() {
        if (!pending.isEmpty()) {
            PixelRect dirty = pending;
            pending = PixelRect.EMPTY;
            mask.fireChanged(dirty);
        }
    }

    /** Ends the gesture: the history entry for it, or null when it changed no byte. */
    public Edit finish(String description) {
        checkOpen();
        flush();
        finished = true;
        return recorder.finish(description);
    }

    /** Abandons the gesture and restores every byte it changed. */
    public void cancel() {
        checkOpen();
        finished = true;
        pending = PixelRect.EMPTY;
        mask.fireChanged(recorder.rollback());
    }

    private void dabIntoTile(int tx, int ty, PixelRect area, double cx, double cy, BrushTip tip) {
        int ox = tx << Mask.TILE_SHIFT;
        int oy = ty << Mask.TILE_SHIFT;
        PixelRect local = tileLocal(area, ox, oy);
        int x0 = local.x();
        int y0 = local.y();
        int x1 = local.maxX();
        int y1 = local.maxY();
        byte[] tile = recorder.touch(tx, ty, x0, y0, x1, y1);
        byte[] before = recorder.before(tx, ty);
        byte[] cov = coverageTile(tx, ty);
        double inner = tip.innerRadius();
        double outer = tip.outerRadius();
        double inner2 = inner * inner;
        double outer2 = outer * outer;
        double band = outer - inner;
        for (int y = y0; y < y1; y++) {
            double dy = oy + y + 0.5 - cy;
            double dy2 = dy * dy;
            if (dy2 >= outer2) {
                continue;
            }
            // Only the chord of the circle on this row: skips the dab box's empty corners.
            double half = Math.sqrt(outer2 - dy2);
            int xs = Math.max(x0, (int) Math.floor(cx - half - 0.5 - ox) + 1);
            int xe = Math.min(x1, (int) Math.ceil(cx + half - 0.5 - ox));
            int row = y << Mask.TILE_SHIFT;
            for (int x = xs; x < xe; x++) {
                int i = row | x;
                int old = cov[i] & 0xFF;
                if (old == 255) {
                    continue; // already fully covered by this stroke: nothing can change
                }
                double dx = ox + x + 0.5 - cx;
                double d2 = dx * dx + dy2;
                if (d2 >= outer2) {
                    continue;
                }
                int c;
                if (d2 <= inner2) {
                    c = 255;
                } else {
                    // Same formula as BrushTip.coverage, inlined for the hot loop (+0.5 and truncation
                    // equal Math.round for these non-negative values).
                    double t = (Math.sqrt(d2) - inner) / band;
                    c = (int) ((1 - t * t * (3 - 2 * t)) * 255 + 0.5);
                }
                if (c > old) {
                    raise(tile, before, cov, i, c);
                }
            }
        }
    }

    private void coverTile(int tx, int ty, PixelRect area, byte[] shapeCoverage) {
        PixelRect local = tileLocal(area, tx << Mask.TILE_SHIFT, ty << Mask.TILE_SHIFT);
        int x0 = local.x();
        int y0 = local.y();
        int x1 = local.maxX();
        int y1 = local.maxY();
        // Shrink to what the shape actually covers in this tile, so the undo patch stays small.
        int minX = x1, minY = y1, maxX = x0 - 1, maxY = y0 - 1;
        for (int y = y0; y < y1; y++) {
            int row = y << Mask.TILE_SHIFT;
            for (int x = x0; x < x1; x++) {
                if (shapeCoverage[row | x] != 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < minX) {
            return;
        }
        byte[] tile = recorder.touch(tx, ty, minX, minY, maxX + 1, maxY + 1);
        byte[] before = recorder.before(tx, ty);
        byte[] cov = coverageTile(tx, ty);
        for (int y = minY; y <= maxY; y++) {
            int row = y << Mask.TILE_SHIFT;
            for (int x = minX; x <= maxX; x++) {
                int i = row | x;
                int c = shapeCoverage[i] & 0xFF;
                if (c > (cov[i] & 0xFF)) {
                    raise(tile, before, cov, i, c);
                }
            }
        }
    }

    /** Raises pixel {@code i}'s stroke coverage to {@code c} and recomputes it from its pre-stroke value. */
    private void raise(byte[] tile, byte[] before, byte[] cov, int i, int c) {
        cov[i] = (byte) c;
        int b = before == null ? 0 : before[i] & 0xFF;
        tile[i] = (byte) composite(b, target, c * opacity255);
    }

    /** {@code area}'s part inside the tile at (ox, oy), in tile-local coordinates. */
    private static PixelRect tileLocal(PixelRect area, int ox, int oy) {
        return PixelRect.ofBounds(Math.max(area.x(), ox) - ox, Math.max(area.y(), oy) - oy,
                Math.min(area.maxX(), ox + Mask.TILE_SIZE) - ox, Math.min(area.maxY(), oy + Mask.TILE_SIZE) - oy);
    }

    /**
     * {@code before + (target − before) × alpha / 255²}, rounded half away from zero; {@code alpha} is
     * coverage × opacity, both 0–255.
     */
    static int composite(int before, int target, int alpha) {
        int d = (target - before) * alpha;
        return before + (d >= 0 ? (d + 32512) / 65025 : -((-d + 32512) / 65025));
    }

    private byte[] coverageTile(int tx, int ty) {
        int i = mask.tileIndex(tx, ty);
        byte[] c = coverage[i];
        if (c == null) {
            c = new byte[Mask.TILE_AREA];
            coverage[i] = c;
        }
        return c;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("This stroke has already been finished or cancelled");
        }
    }
}
