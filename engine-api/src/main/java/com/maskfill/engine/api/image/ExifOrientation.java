package com.maskfill.engine.api.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * The EXIF orientation of a JPEG (1 = upright ... 8), and turning the stored pixels upright.
 * Phones store pixels as the sensor saw them and only tag how to show them; ignoring the tag shows
 * portrait photos lying on their side.
 */
final class ExifOrientation {

    static final int UPRIGHT = 1;

    private ExifOrientation() {
    }

    /** Reads the orientation tag from a JPEG's APP1 "Exif" segment; {@link #UPRIGHT} when there is none. */
    static int read(ImageInputStream jpeg) {
        try {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(jpeg, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return UPRIGHT;
            }
            byte[] data;
            try (InputStream segment = exif.get(0).data()) {
                data = segment.readAllBytes();
            }
            // The segment data starts after "Exif\0"; the identifier's second NUL pad byte is still there.
            int start = data.length > 0 && data[0] == 0 ? 1 : 0;
            try (ImageInputStream tiff = ImageIO.createImageInputStream(
                    new ByteArrayInputStream(data, start, data.length - start))) {
                Directory directory = new TIFFReader().read(tiff);
                Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
                if (entry == null || !(entry.getValue() instanceof Number number)) {
                    return UPRIGHT;
                }
                int value = number.intValue();
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        } catch (IOException | RuntimeException e) {
            // A damaged EXIF block must not stop the photo from opening: show it as stored.
            return UPRIGHT;
        }
    }

    /** Returns the image as it should be shown; the same instance when the orientation is upright. */
    static BufferedImage apply(BufferedImage stored, int orientation) {
        if (orientation == UPRIGHT) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swaps = orientation >= 5;
        int dw = swaps ? h : w;
        int dh = swaps ? w : h;
        int[] src = stored.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[dw * dh];
        for (int dy = 0; dy < dh; dy++) {
            for (int dx = 0; dx < dw; dx++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - dx; sy = dy; }
                    case 3 -> { sx = w - 1 - dx; sy = h - 1 - dy; }
                    case 4 -> { sx = dx; sy = h - 1 - dy; }
                    case 5 -> { sx = dy; sy = dx; }
                    case 6 -> { sx = dy; sy = h - 1 - dx; }
                    case 7 -> { sx = w - 1 - dy; sy = h - 1 - dx; }
                    case 8 -> { sx = w - 1 - dy; sy = dx; }
                    default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
                }
                dst[dy * dw + dx] = src[sy * w + sx];
            }
        }
        BufferedImage upright = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_ARGB);
        upright.setRGB(0, 0, dw, dh, dst, 0, dw);
        return upright;
    }
}
