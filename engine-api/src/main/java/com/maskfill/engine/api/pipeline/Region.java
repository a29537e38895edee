package com.maskfill.engine.api.pipeline;

/**
 * A rectangle of pixels in image coordinates: columns {@code x .. x+width-1}, rows {@code y .. y+height-1}.
 * Immutable, unlike {@link java.awt.Rectangle}, so it can sit in results and history.
 */
public record Region(int x, int y, int width, int height) {

    public Region {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("region size " + width + "×" + height + " is invalid: sides must not be negative");
        }
    }

    /** One past the last column. */
    public int right() {
        return x + width;
    }

    /** One past the last row. */
    public int bottom() {
        return y + height;
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    public boolean contains(int px, int py) {
        return px >= x && px < right() && py >= y && py < bottom();
    }

    public boolean contains(Region other) {
        return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
    }

    /** This region grown by {@code margin} on every side, then clipped to a {@code width}×{@code height} image. */
    public Region grow(int margin, int imageWidth, int imageHeight) {
        int nx = Math.max(0, x - margin);
        int ny = Math.max(0, y - margin);
        int nr = Math.min(imageWidth, right() + margin);
        int nb = Math.min(imageHeight, bottom() + margin);
        return new Region(nx, ny, Math.max(0, nr - nx), Math.max(0, nb - ny));
    }

    @Override
    public String toString() {
        return width + "×" + height + "+" + x + "+" + y;
    }
}
