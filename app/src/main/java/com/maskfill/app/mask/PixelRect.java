package com.maskfill.app.mask;

/**
 * An axis-aligned rectangle of whole pixels in image space: {@code [x, x + width) × [y, y + height)}.
 * Used for dirty regions (what the canvas must re-render) and for the area an edit touched.
 */
public record PixelRect(int x, int y, int width, int height) {

    public static final PixelRect EMPTY = new PixelRect(0, 0, 0, 0);

    public PixelRect {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("PixelRect size must not be negative, got " + width + "×" + height);
        }
    }

    /** The rectangle spanning {@code [x0, x1) × [y0, y1)}; empty when either span is empty. */
    public static PixelRect ofBounds(int x0, int y0, int x1, int y1) {
        if (x1 <= x0 || y1 <= y0) {
            return EMPTY;
        }
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** Exclusive right edge. */
    public int maxX() {
        return x + width;
    }

    /** Exclusive bottom edge. */
    public int maxY() {
        return y + height;
    }

    public long area() {
        return (long) width * height;
    }

    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < maxX() && py < maxY();
    }

    public PixelRect union(PixelRect other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return ofBounds(Math.min(x, other.x), Math.min(y, other.y),
                Math.max(maxX(), other.maxX()), Math.max(maxY(), other.maxY()));
    }

    public PixelRect intersect(PixelRect other) {
        return ofBounds(Math.max(x, other.x), Math.max(y, other.y),
                Math.min(maxX(), other.maxX()), Math.min(maxY(), other.maxY()));
    }
}
