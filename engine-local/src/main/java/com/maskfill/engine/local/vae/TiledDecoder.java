package com.maskfill.engine.local.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Decodes a large latent in overlapping square tiles and blends them with linear ramps across the overlaps, so the
 * decoder's full-resolution activations never exceed one tile's (local-engine.md §4). Each tile normalises over its
 * own pixels (GroupNorm, mid-block attention), so the result is close to, not equal to, a whole decode; the ramps hide
 * the seams. Blending is done on the host: it is a few multiply-adds per pixel.
 */
public final class TiledDecoder {

    private final Autoencoder autoencoder;
    private final int tile;
    private final int overlap;

    /**
     * @param tile tile side in latent cells (8 pixels each)
     * @param overlap cells shared by neighbouring tiles, less than half a tile
     */
    public TiledDecoder(Autoencoder autoencoder, int tile, int overlap) {
        if (tile < 2 || overlap < 0 || 2 * overlap >= tile) {
            throw new IllegalArgumentException("tile = " + tile + ", overlap = " + overlap
                    + ": a tile needs at least 2 cells and an overlap under half a tile");
        }
        this.autoencoder = autoencoder;
        this.tile = tile;
        this.overlap = overlap;
    }

    /** (1, z, h, w) latent to (1, 3, 8h, 8w) pixels, owned by the latent's manager. */
    public NDArray decode(NDArray latent) {
        Shape s = latent.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (h <= tile && w <= tile) {
            return autoencoder.decode(latent);
        }
        int[] ys = starts(h);
        int[] xs = starts(w);
        int height = 8 * h;
        int width = 8 * w;
        float[] sum = new float[3 * height * width];
        float[] weight = new float[height * width];
        for (int y0 : ys) {
            for (int x0 : xs) {
                int th = Math.min(tile, h - y0);
                int tw = Math.min(tile, w - x0);
                float[] pixels;
                try (NDManager scope = latent.getManager().newSubManager()) {
                    latent.tempAttach(scope);
                    NDArray part = latent.get(new NDIndex(":, :, {}:{}, {}:{}", y0, y0 + th, x0, x0 + tw));
                    pixels = autoencoder.decode(part).toFloatArray();
                }
                float[] wy = ramp(8 * th, y0 > 0, y0 + th < h);
                float[] wx = ramp(8 * tw, x0 > 0, x0 + tw < w);
                int ph = 8 * th;
                int pw = 8 * tw;
                for (int y = 0; y < ph; y++) {
                    for (int x = 0; x < pw; x++) {
                        float k = wy[y] * wx[x];
                        int out = (8 * y0 + y) * width + 8 * x0 + x;
                        weight[out] += k;
                        for (int c = 0; c < 3; c++) {
                            sum[c * height * width + out] += k * pixels[(c * ph + y) * pw + x];
                        }
                    }
                }
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= weight[i % (height * width)];
        }
        return latent.getManager().create(sum, new Shape(1, 3, height, width));
    }

    /** Tile origins covering {@code size} cells, neighbours sharing {@link #overlap} cells. */
    private int[] starts(int size) {
        int stride = tile - overlap;
        int count = size <= tile ? 1 : 1 + (size - tile + stride - 1) / stride;
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.min(i * stride, Math.max(0, size - tile));
        }
        return out;
    }

    /** 1 inside, rising across the overlap on sides that have a neighbour (never 0, so every pixel has weight). */
    private float[] ramp(int pixels, boolean before, boolean after) {
        int band = 8 * overlap;
        float[] r = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            float v = 1f;
            if (before && i < band) {
                v = Math.min(v, (i + 0.5f) / band);
            }
            if (after && pixels - 1 - i < band) {
                v = Math.min(v, (pixels - i - 0.5f) / band);
            }
            r[i] = v;
        }
        return r;
    }
}
