package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.request.Mask;
import java.util.Optional;

/**
 * Operations on 8-bit masks stored row by row in a {@code byte[]} of {@code width × height}
 * (255 = regenerate, 0 = keep). Shared by the pipeline and the editor's mask commands, so every operation is
 * linear in the pixel count whatever the radius, and large masks are split across cores. Every operation
 * returns a new array and leaves its input alone.
 *
 * <p>Hand-written because no JDK or ImageIO facility offers an exact Euclidean distance transform or
 * radius-independent blurs on raw byte masks.
 */
public final class MaskOps {

    /** Values at or above this count as "in the mask" for {@link #grow} and {@link #shrink}. */
    public static final int HALF = 128;
    /** Largest grow/shrink radius (distances are kept in 16 bits). */
    public static final int MAX_RADIUS = 32_000;
    /**
     * Mask values below this (8/255, about 3 %) are noise: they neither widen the crop nor paste anything back.
     * JPEG ringing around a hard edge stays below it; the faintest deliberate brush stroke does not.
     */
    public static final int NOISE_FLOOR = 8;

    private MaskOps() {
    }

    /**
     * The smallest region holding every pixel of at least {@link #NOISE_FLOOR}; empty when there is none. Fainter
     * pixels are the noise of a JPEG-compressed or hand-made mask and would otherwise widen the crop to the
     * whole photo.
     */
    public static Optional<Region> boundingBox(byte[] mask, int width, int height) {
        checkSize(mask, width, height);
        return boundingBox(width, height, (y, row) -> System.arraycopy(mask, y * width, row, 0, width));
    }

    /** {@link #boundingBox(byte[], int, int)} of a request's mask, read row by row (no full-size copy). */
    public static Optional<Region> boundingBox(Mask mask) {
        return boundingBox(mask.width(), mask.height(), mask::row);
    }

    private interface RowReader {
        void read(int y, byte[] into);
    }

    private static Optional<Region> boundingBox(int width, int height, RowReader rows) {
        byte[] row = new byte[width];
        int top = -1;
        int bottom = -1;
        int left = width;
        int right = -1;
        for (int y = 0; y < height; y++) {
            rows.read(y, row);
            int first = -1;
            for (int x = 0; x < width; x++) {
                if ((row[x] & 0xff) >= NOISE_FLOOR) {
                    first = x;
                    break;
                }
            }
            if (first < 0) {
                continue;
            }
            int last = first;
            for (int x = width - 1; x > first; x--) {
                if ((row[x] & 0xff) >= NOISE_FLOOR) {
                    last = x;
                    break;
                }
            }
            if (top < 0) {
                top = y;
            }
            bottom = y;
            left = Math.min(left, first);
            right = Math.max(right, last);
        }
        if (top < 0) {
            return Optional.empty();
        }
        return Optional.of(new Region(left, top, right - left + 1, bottom - top + 1));
    }

    /** {@code mask} with every value below {@link #NOISE_FLOOR} set to 0, in place; returns it. */
    static byte[] withoutNoise(byte[] mask) {
        for (int i = 0; i < mask.length; i++) {
            if ((mask[i] & 0xff) < NOISE_FLOOR) {
                mask[i] = 0;
            }
        }
        return mask;
    }

    /**
     * The mask scaled to {@code newWidth × newHeight} with the pipeline's resampler (cubic, averaging when
     * shrinking): the one scaler for mask files of another size, in the editor and on the command line.
     */
    public static byte[] scale(byte[] mask, int width, int height, int newWidth, int newHeight) {
        checkSize(mask, width, height);
        return Resampler.scale(mask, width, height, newWidth, newHeight);
    }

    /** 255 where the value is at least {@code level} (1–255), else 0. */
    public static byte[] threshold(byte[] mask, int width, int height, int level) {
        checkSize(mask, width, height);
        if (level < 1 || level > 255) {
            throw new IllegalArgumentException("level = " + level + " is out of range: allowed 1–255");
        }
        byte[] out = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = (mask[i] & 0xff) >= level ? (byte) 255 : 0;
        }
        return out;
    }

    /** 255 − value. */
    public static byte[] invert(byte[] mask, int width, int height) {
        checkSize(mask, width, height);
        byte[] out = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = (byte) ~mask[i];
        }
        return out;
    }

    /**
     * Grows the mask by a disc of {@code radius} px: every pixel whose Euclidean distance to a pixel of value
     * ≥ {@link #HALF} is at most {@code radius} becomes 255; others keep their value (soft strokes far from the
     * mask stay soft). Radius 0 returns a copy.
     */
    public static byte[] grow(byte[] mask, int width, int height, int radius) {
        return dilate(mask, width, height, radius, HALF, false);
    }

    /**
     * The opposite of {@link #grow}: every pixel within {@code radius} px of a pixel below {@link #HALF}
     * becomes 0; others keep their value. {@code shrink(m) == invert(grow(invert(m)))}.
     */
    public static byte[] shrink(byte[] mask, int width, int height, int radius) {
        return dilate(mask, width, height, radius, HALF, true);
    }

    /**
     * Softens the mask edge over {@code radius} px with three box blurs per axis (their half-widths add up to
     * the radius), which approximate a Gaussian of σ ≈ radius / 3 at a cost per pixel independent of the
     * radius. Edges of the image repeat the border pixel. A pixel more than {@code radius} px from every
     * non-zero pixel along x or y stays exactly 0, and one that far inside a solid 255 area stays 255.
     */
    public static byte[] feather(byte[] mask, int width, int height, int radius) {
        checkSize(mask, width, height);
        if (radius < 0) {
            throw new IllegalArgumentException("radius = " + radius + " is out of range: allowed 0 or more");
        }
        if (radius == 0) {
            return mask.clone();
        }
        int[] halfWidths = {(radius + 2) / 3, (radius + 1) / 3, radius / 3};
        byte[] horizontal = new byte[mask.length];
        Bands.run(height, mask.length, (from, to) -> {
            int[] a = new int[width];
            int[] b = new int[width];
            for (int y = from; y < to; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    a[x] = mask[row + x] & 0xff;
                }
                int[] src = a;
                int[] dst = b;
                for (int k : halfWidths) {
                    if (k > 0) {
                        boxLine(src, dst, width, k);
                        int[] t = src;
                        src = dst;
                        dst = t;
                    }
                }
                for (int x = 0; x < width; x++) {
                    horizontal[row + x] = (byte) src[x];
                }
            }
        });
        byte[] src = horizontal;
        byte[] dst = new byte[mask.length];
        for (int k : halfWidths) {
            if (k > 0) {
                boxColumns(src, dst, width, height, k);
                byte[] t = src;
                src = dst;
                dst = t;
            }
        }
        return src;
    }

    /**
     * 1 where the pixel lies within Euclidean {@code radius} of a pixel whose value is at least
     * {@code level}, else 0. Used by paste-back to cut the feathered mask off at exactly the radius.
     */
    static byte[] withinDistance(byte[] mask, int width, int height, int radius, int level) {
        return dilateInto(mask, width, height, radius, level, false, new byte[mask.length], (byte) 1, false);
    }

    /**
     * At every pixel within Euclidean {@code radius} of a non-zero pixel, the value of the nearest one (itself
     * where it is non-zero; ties go either way); 0 farther out. Lets paste-back fade a soft edge outward from
     * the strength painted next to it.
     */
    static byte[] nearestValues(byte[] mask, int width, int height, int radius) {
        return dilateInto(mask, width, height, radius, 1, false, new byte[mask.length], (byte) 0, true);
    }

    private static byte[] dilate(byte[] mask, int width, int height, int radius, int level, boolean invert) {
        checkSize(mask, width, height);
        if (radius < 0 || radius > MAX_RADIUS) {
            throw new IllegalArgumentException("radius = " + radius + " is out of range: allowed 0–" + MAX_RADIUS);
        }
        if (radius == 0) {
            return mask.clone();
        }
        return dilateInto(mask, width, height, radius, level, invert, mask.clone(), invert ? 0 : (byte) 255, false);
    }

    /**
     * Writes {@code mark} into {@code out} at every pixel within Euclidean distance {@code radius} of a
     * feature pixel (value ≥ level, or < level when inverted); leaves the rest of {@code out} alone.
     * Exact squared distances: a column pass finds each pixel's vertical distance to the nearest feature,
     * then a row pass takes the lower envelope of parabolas (Felzenszwalb &amp; Huttenlocher 2012). Vertical
     * distances are capped at radius + 1, beyond which they cannot bring a pixel within the radius. With
     * {@code carry} the nearest feature's own value is written instead of {@code mark}.
     */
    private static byte[] dilateInto(byte[] mask, int width, int height, int radius, int level, boolean invert,
                                     byte[] out, byte mark, boolean carry) {
        checkSize(mask, width, height);
        int cap = radius + 1;
        short[] vertical = new short[mask.length];
        // The value of the feature each vertical distance was measured to (only with carry).
        byte[] source = carry ? new byte[mask.length] : null;
        Bands.run(width, mask.length, (from, to) -> {
            int n = to - from;
            int[] run = new int[n];
            byte[] runValue = new byte[n];
            java.util.Arrays.fill(run, cap);
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int i = 0; i < n; i++) {
                    int p = row + from + i;
                    boolean feature = isFeature(mask[p], level, invert);
                    int d = feature ? 0 : Math.min(cap, run[i] + 1);
                    run[i] = d;
                    vertical[p] = (short) d;
                    if (carry) {
                        if (feature) {
                            runValue[i] = mask[p];
                        }
                        source[p] = runValue[i];
                    }
                }
            }
            java.util.Arrays.fill(run, cap);
            for (int y = height - 1; y >= 0; y--) {
                int row = y * width;
                for (int i = 0; i < n; i++) {
                    int p = row + from + i;
                    boolean feature = isFeature(mask[p], level, invert);
                    int d = feature ? 0 : Math.min(cap, run[i] + 1);
                    run[i] = d;
                    if (carry && feature) {
                        runValue[i] = mask[p];
                    }
                    if (d < vertical[p]) {
                        vertical[p] = (short) d;
                        if (carry) {
                            source[p] = runValue[i];
                        }
                    }
                }
            }
        });
        long limit = (long) radius * radius;
        Bands.run(height, mask.length, (from, to) -> {
            int[] sites = new int[width];
            double[] bounds = new double[width + 1];
            for (int y = from; y < to; y++) {
                int row = y * width;
                int k = -1;
                for (int q = 0; q < width; q++) {
                    int gq = vertical[row + q];
                    if (gq >= cap) {
                        continue;
                    }
                    double fq = (double) gq * gq + (double) q * q;
                    if (k < 0) {
                        k = 0;
                        sites[0] = q;
                        bounds[0] = Double.NEGATIVE_INFINITY;
                        bounds[1] = Double.POSITIVE_INFINITY;
                        continue;
                    }
                    double s;
                    while (true) {
                        int p = sites[k];
                        int gp = vertical[row + p];
                        s = (fq - ((double) gp * gp + (double) p * p)) / (2.0 * (q - p));
                        if (s > bounds[k]) {
                            break;
                        }
                        k--;
                    }
                    k++;
                    sites[k] = q;
                    bounds[k] = s;
                    bounds[k + 1] = Double.POSITIVE_INFINITY;
                }
                if (k < 0) {
                    continue;
                }
                int j = 0;
                for (int x = 0; x < width; x++) {
                    while (bounds[j + 1] < x) {
                        j++;
                    }
                    int p = sites[j];
                    int gp = vertical[row + p];
                    long dx = x - p;
                    if (dx * dx + (long) gp * gp <= limit) {
                        out[row + x] = carry ? source[row + p] : mark;
                    }
                }
            }
        });
        return out;
    }

    private static boolean isFeature(byte value, int level, boolean invert) {
        return ((value & 0xff) >= level) != invert;
    }

    /** One running-sum box blur of half-width {@code k} along a line, repeating the end pixels. */
    private static void boxLine(int[] in, int[] out, int n, int k) {
        Divider divide = new Divider(2 * k + 1);
        int last = n - 1;
        int sum = (k + 1) * in[0];
        for (int i = 1; i <= k; i++) {
            sum += in[Math.min(i, last)];
        }
        // Away from both ends the window never leaves the line, so the middle loop needs no clamping.
        int middleFrom = Math.min(k, n);
        int middleTo = Math.max(middleFrom, n - k - 1);
        for (int x = 0; x < middleFrom; x++) {
            out[x] = divide.rounded(sum);
            sum += in[Math.min(x + k + 1, last)] - in[0];
        }
        for (int x = middleFrom; x < middleTo; x++) {
            out[x] = divide.rounded(sum);
            sum += in[x + k + 1] - in[x - k];
        }
        for (int x = middleTo; x < n; x++) {
            out[x] = divide.rounded(sum);
            sum += in[last] - in[Math.max(x - k, 0)];
        }
    }

    /** The vertical box blur, run row by row over bands of columns so memory is read in order. */
    private static void boxColumns(byte[] src, byte[] dst, int width, int height, int k) {
        Divider divide = new Divider(2 * k + 1);
        int last = height - 1;
        Bands.run(width, src.length, (from, to) -> {
            int n = to - from;
            int[] sums = new int[n];
            for (int i = 0; i < n; i++) {
                sums[i] = (k + 1) * (src[from + i] & 0xff);
            }
            for (int r = 1; r <= k; r++) {
                int row = Math.min(r, last) * width + from;
                for (int i = 0; i < n; i++) {
                    sums[i] += src[row + i] & 0xff;
                }
            }
            for (int y = 0; y < height; y++) {
                int out = y * width + from;
                int add = Math.min(y + k + 1, last) * width + from;
                int sub = Math.max(y - k, 0) * width + from;
                for (int i = 0; i < n; i++) {
                    int s = sums[i];
                    dst[out + i] = (byte) divide.rounded(s);
                    sums[i] = s + (src[add + i] & 0xff) - (src[sub + i] & 0xff);
                }
            }
        });
    }

    /**
     * Rounded division of a box sum by the box width. A multiply by a 32-bit reciprocal replaces the slower
     * integer division; it is exact for sums up to 255 × width when width² × 255 < 2³², i.e. width < 4104.
     */
    private static final class Divider {
        private final int divisor;
        private final int half;
        private final long reciprocal;

        Divider(int divisor) {
            this.divisor = divisor;
            this.half = divisor / 2;
            this.reciprocal = divisor < 4096 ? ((1L << 32) + divisor - 1) / divisor : 0;
        }

        int rounded(int sum) {
            return reciprocal != 0 ? (int) (((sum + half) * reciprocal) >>> 32) : (sum + half) / divisor;
        }
    }

    static void checkSize(byte[] mask, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size " + width + "×" + height + " is invalid: both sides must be at least 1");
        }
        if (mask.length != (long) width * height) {
            throw new IllegalArgumentException("mask has " + mask.length + " bytes but " + width + "×" + height
                    + " needs " + (long) width * height);
        }
    }
}
