package com.maskfill.app.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * The photo being edited.
 *
 * @param pixels 8-bit sRGB ARGB pixels
 * @param source the file it came from; null when pasted
 * @param name   what the title bar shows
 * @param format "PNG", "JPEG", ... or "Clipboard"
 */
public record DocumentImage(BufferedImage pixels, Path source, String name, String format) {

    /** A copy a job or a save may keep while the user goes on applying results to the photo. */
    public BufferedImage copyOfPixels() {
        BufferedImage copy = new BufferedImage(pixels.getWidth(), pixels.getHeight(), BufferedImage.TYPE_INT_ARGB);
        copy.setData(pixels.getRaster());
        return copy;
    }

    public int width() {
        return pixels.getWidth();
    }

    public int height() {
        return pixels.getHeight();
    }
}
