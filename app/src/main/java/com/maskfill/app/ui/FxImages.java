package com.maskfill.app.ui;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;

/** Converts JavaFX images (clipboard, drag and drop, snapshots) to the editor's ARGB pixels. */
public final class FxImages {

    private FxImages() {
    }

    /** A copy of {@code image} as {@link BufferedImage#TYPE_INT_ARGB}; null when it has no readable pixels. */
    public static BufferedImage toArgb(Image image) {
        PixelReader reader = image.getPixelReader();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        if (reader == null || w <= 0 || h <= 0) {
            return null;
        }
        BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] pixels = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        return argb;
    }
}
