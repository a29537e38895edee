package com.maskfill.engine.api.image;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A decoded image ready for editing: 8-bit sRGB, {@link BufferedImage#TYPE_INT_ARGB}, upright (EXIF orientation
 * applied).
 *
 * @param image      the pixels
 * @param formatName the file's format as the user knows it ("PNG", "JPEG", ...)
 * @param notices    what was changed on the way in, for the user to know (e.g. "16-bit image edited in 8 bits")
 */
public record DecodedImage(BufferedImage image, String formatName, List<String> notices) {

    public DecodedImage {
        notices = List.copyOf(notices);
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
