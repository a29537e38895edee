package com.maskfill.engine.api.pipeline;

/**
 * Separable cubic resampling (Keys, a = −0.5) of 8-bit pixels, with the kernel widened when shrinking so
 * it averages instead of aliasing. Hand-written because Java2D's bicubic scaling aliases on strong
 * reductions and converts gray images through a linear colour space, which would shift mask values.
 * Pixels are packed ints: {@code 0xRRGGBB} for colour (3 channels) or {@code 0–255} for gray (1 channel).
 */
final class Resampler {

    private Resampler() {
    }

    static int[] scale(int[] src, int width, int height, int newWidth, int newHeight, int channels) {
        if (src.length != (long) width * height) {
            throw new IllegalArgumentException(src.length + " pixels do not make " + width + "×" + height);
        }
        if (newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("target size " + newWidth + "×" + newHeight + " is invalid: both sides must be at least 1");
        }
        int[] horizontal = newWidth == width ? src : horizontal(src, width, height, newWidth, channels);
        int[] result = newHeight == height ? horizontal : vertical(horizontal, newWidth, height, newHeight, channels);
        return result == src ? src.clone() : result;
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

    private static int[] horizontal(int[] src, int width, int height, int newWidth, int channels) {
        Taps taps = Taps.of(width, newWidth);
        int[] out = new int[newWidth * height];
        Bands.run(height, (long) newWidth * height, (from, to) -> {
            float[] acc = new float[channels];
            for (int y = from; y < to; y++) {
                int row = y * width;
                for (int i = 0; i < newWidth; i++) {
                    java.util.Arrays.fill(acc, 0f);
                    int base = i * taps.stride();
                    int start = row + taps.first()[i];
                    for (int k = 0; k < taps.count()[i]; k++) {
                        float w = taps.weights()[base + k];
                        int p = src[start + k];
                        for (int c = 0; c < channels; c++) {
                            acc[c] += w * ((p >> (8 * c)) & 0xff);
                        }
                    }
                    out[y * newWidth + i] = pack(acc, channels);
                }
            }
        });
        return out;
    }

    private static int[] vertical(int[] src, int width, int height, int newHeight, int channels) {
        Taps taps = Taps.of(height, newHeight);
        int[] out = new int[width * newHeight];
        Bands.run(newHeight, (long) width * newHeight, (from, to) -> {
            float[] acc = new float[width * channels];
            float[] pixel = new float[channels];
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(acc, 0f);
                int base = i * taps.stride();
                for (int k = 0; k < taps.count()[i]; k++) {
                    float w = taps.weights()[base + k];
                    int row = (taps.first()[i] + k) * width;
                    for (int x = 0; x < width; x++) {
                        int p = src[row + x];
                        for (int c = 0; c < channels; c++) {
                            acc[x * channels + c] += w * ((p >> (8 * c)) & 0xff);
                        }
                    }
                }
                for (int x = 0; x < width; x++) {
                    System.arraycopy(acc, x * channels, pixel, 0, channels);
                    out[i * width + x] = pack(pixel, channels);
                }
            }
        });
        return out;
    }

    private static int pack(float[] acc, int channels) {
        int p = 0;
        for (int c = 0; c < channels; c++) {
            int v = Math.round(acc[c]);
            p |= (v < 0 ? 0 : Math.min(v, 255)) << (8 * c);
        }
        return p;
    }
}
