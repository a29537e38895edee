package com.maskfill.engine.api.image;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.util.List;

/**
 * Brings any decoded image to 8-bit sRGB ARGB, the one pixel format the editor and the engines use.
 *
 * <p>Gray and deep (16-bit) images are scaled sample by sample rather than drawn through Java2D: Java2D treats
 * gray images as linear light and would brighten them, although PNG and TIFF gray values are gamma-encoded.
 */
final class Rgb8Conversion {

    private Rgb8Conversion() {
    }

    static BufferedImage toArgb(BufferedImage src, List<String> notices) {
        if (src.getType() == BufferedImage.TYPE_INT_ARGB) {
            return src;
        }
        ColorModel cm = src.getColorModel();
        ColorSpace cs = cm.getColorSpace();
        int bits = maxComponentBits(cm);
        if (bits > 8) {
            notices.add(bits + "-bit image: it is edited with 8 bits per channel");
        }
        if (cs.getType() == ColorSpace.TYPE_GRAY || (cs.isCS_sRGB() && bits > 8)) {
            return scaleSamples(src);
        }
        BufferedImage dst = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_ARGB);
        if (cs.getType() == ColorSpace.TYPE_RGB && cs.isCS_sRGB()) {
            Graphics2D g = dst.createGraphics();
            g.setComposite(AlphaComposite.Src);
            g.drawImage(src, 0, 0, null);
            g.dispose();
            return dst;
        }
        // Other colour spaces (CMYK, an embedded RGB profile): convert through the colour management system.
        new ColorConvertOp(null).filter(src, dst);
        return dst;
    }

    private static int maxComponentBits(ColorModel cm) {
        int max = 0;
        for (int i = 0; i < cm.getNumComponents(); i++) {
            max = Math.max(max, cm.getComponentSize(i));
        }
        return max;
    }

    /** Gray, gray+alpha, RGB or RGBA samples of any depth, each scaled to 0..255 with rounding. */
    private static BufferedImage scaleSamples(BufferedImage src) {
        if (src.getColorModel().isAlphaPremultiplied()) {
            src.coerceData(false);
        }
        Raster raster = src.getRaster();
        ColorModel cm = src.getColorModel();
        int w = src.getWidth();
        int h = src.getHeight();
        int bands = raster.getNumBands();
        boolean gray = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        boolean alpha = cm.hasAlpha();
        long[] max = new long[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1L << raster.getSampleModel().getSampleSize(b)) - 1;
        }
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w * bands];
        int[] out = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int i = x * bands;
                int r;
                int g;
                int b;
                if (gray) {
                    r = g = b = to8(row[i], max[0]);
                } else {
                    r = to8(row[i], max[0]);
                    g = to8(row[i + 1], max[1]);
                    b = to8(row[i + 2], max[2]);
                }
                int a = alpha ? to8(row[i + bands - 1], max[bands - 1]) : 255;
                out[x] = a << 24 | r << 16 | g << 8 | b;
            }
            dst.setRGB(0, y, w, 1, out, 0, w);
        }
        return dst;
    }

    private static int to8(int sample, long max) {
        return (int) (((sample & 0xFFFFFFFFL) * 255 + max / 2) / max);
    }
}
