package com.maskfill.engine.api.pipeline;

/**
 * Separable cubic resampling (Keys, a = −0.5) of 8-bit planes, with the kernel widened when shrinking so it
 * averages instead of aliasing. Hand-written because Java2D's bicubic scaling aliases on strong reductions
 * and converts gray images through a linear colour space, which would shift mask values. Colour images are
 * scaled as three planes so the inner loops stay simple enough for the JIT to vectorise.
 */
final class Resampler {

    private Resampler() {
    }

    /** Scales packed {@code 0xRRGGBB} pixels; the result is opaque. */
    static int[] scaleRgb(int[] src, int width, int height, int newWidth, int newHeight) {
        checkSizes(src.length, width, height, newWidth, newHeight);
        if (newWidth == width && newHeight == height) {
            return src.clone();
        }
        int n = src.length;
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int p = src[i];
            r[i] = (byte) (p >> 16);
            g[i] = (byte) (p >> 8);
            b[i] = (byte) p;
        }
        r = scale(r, width, height, newWidth, newHeight);
        g = scale(g, width, height, newWidth, newHeight);
        b = scale(b, width, height, newWidth, newHeight);
        int[] out = new int[newWidth * newHeight];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0xff000000 | (r[i] & 0xff) << 16 | (g[i] & 0xff) << 8 | (b[i] & 0xff);
        }
        return out;
    }

    /** Scales one 8-bit plane (a mask, or one colour channel). */
    static byte[] scale(byte[] src, int width, int height, int newWidth, int newHeight) {
        checkSizes(src.length, width, height, newWidth, newHeight);
        byte[] horizontal = newWidth == width ? src : horizontal(src, width, height, newWidth);
        byte[] result = newHeight == height ? horizontal : vertical(horizontal, newWidth, height, newHeight);
        return result == src ? src.clone() : result;
    }

    private static void checkSizes(int length, int width, int height, int newWidth, int newHeight) {
        if (length != (long) width * height) {
            throw new IllegalArgumentException(length + " pixels do not make " + width + "×" + height);
        }
        if (newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("target size " + newWidth + "×" + newHeight + " is invalid: both sides must be at least 1");
        }
    }

    /** Where each output sample reads, and with which weights (normalised to sum 1). */
    private record Taps(int[] first, int[] count, float[] weights, int stride) {

        static Taps of(int inSize, int outSize) {
            double scale = (double) outSize / inSize;
            double filterScale = Math.min(1.0, scale);
            double support = 2 / filterScale;
            int stride = (int) Math.ceil(support) * 2 + 2;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            float[] weights = new float[outSize * stride];
            for (int i = 0; i < outSize; i++) {
                double centre = (i + 0.5) / scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(inSize, (int) Math.ceil(centre + support));
                double sum = 0;
                double[] w = new double[hi - lo];
                for (int j = lo; j < hi; j++) {
                    w[j - lo] = cubic((j + 0.5 - centre) * filterScale);
                    sum += w[j - lo];
                }
                first[i] = lo;
                count[i] = hi - lo;
                for (int j = 0; j < w.length; j++) {
                    weights[i * stride + j] = (float) (w[j] / sum);
                }
            }
            return new Taps(first, count, weights, stride);
        }

        private static double cubic(double x) {
            double t = Math.abs(x);
            if (t < 1) {
                return (1.5 * t - 2.5) * t * t + 1;
            }
            if (t < 2) {
                return ((-0.5 * t + 2.5) * t - 4) * t + 2;
            }
            return 0;
        }
    }

    private static byte[] horizontal(byte[] src, int width, int height, int newWidth) {
        Taps taps = Taps.of(width, newWidth);
        byte[] out = new byte[newWidth * height];
        Bands.run(height, (long) newWidth * height, (from, to) -> {
            for (int y = from; y < to; y++) {
                int row = y * width;
                int outRow = y * newWidth;
                for (int i = 0; i < newWidth; i++) {
                    int base = i * taps.stride();
                    int start = row + taps.first()[i];
                    int count = taps.count()[i];
                    float acc = 0;
                    for (int k = 0; k < count; k++) {
                        acc += taps.weights()[base + k] * (src[start + k] & 0xff);
                    }
                    out[outRow + i] = clamp(acc);
                }
            }
        });
        return out;
    }

    private static byte[] vertical(byte[] src, int width, int height, int newHeight) {
        Taps taps = Taps.of(height, newHeight);
        byte[] out = new byte[width * newHeight];
        Bands.run(newHeight, (long) width * newHeight, (from, to) -> {
            float[] acc = new float[width];
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(acc, 0f);
                int base = i * taps.stride();
                for (int k = 0; k < taps.count()[i]; k++) {
                    float w = taps.weights()[base + k];
                    int row = (taps.first()[i] + k) * width;
                    for (int x = 0; x < width; x++) {
                        acc[x] += w * (src[row + x] & 0xff);
                    }
                }
                int outRow = i * width;
                for (int x = 0; x < width; x++) {
                    out[outRow + x] = clamp(acc[x]);
                }
            }
        });
        return out;
    }

    private static byte clamp(float value) {
        int v = Math.round(value);
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
