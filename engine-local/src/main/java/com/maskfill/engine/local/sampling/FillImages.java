package com.maskfill.engine.local.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Image and mask pixels to the tensors the reference feeds the model (local-engine.md §2.1): RGB as
 * {@code v/127.5 - 1} in (1, 3, H, W), the mask as {@code v/255} in (1, H, W) (continuous, no binarization; white =
 * regenerate). The divisions are float32, as the reference's.
 */
public final class FillImages {

    private FillImages() {
    }

    public static NDArray rgb(NDManager manager, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[3 * h * w];
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                int i = y * w + x;
                out[i] = ((argb >> 16) & 0xff) / 127.5f - 1f;
                out[plane + i] = ((argb >> 8) & 0xff) / 127.5f - 1f;
                out[2 * plane + i] = (argb & 0xff) / 127.5f - 1f;
            }
        }
        return manager.create(out, new Shape(1, 3, h, w));
    }

    /** Gray masks are read as stored; colour ones are converted like PIL's "L" (ITU-R 601 luma, rounded). */
    public static NDArray mask(NDManager manager, BufferedImage mask) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        float[] out = new float[h * w];
        boolean gray = mask.getType() == BufferedImage.TYPE_BYTE_GRAY;
        Raster raster = mask.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int level;
                if (gray) {
                    level = raster.getSample(x, y, 0);
                } else {
                    int argb = mask.getRGB(x, y);
                    level = (((argb >> 16) & 0xff) * 19595 + ((argb >> 8) & 0xff) * 38470 + (argb & 0xff) * 7471
                            + 0x8000) >> 16;
                }
                out[y * w + x] = level / 255f;
            }
        }
        return manager.create(out, new Shape(1, h, w));
    }
}
