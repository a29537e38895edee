package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Optional;

/**
 * Matches an engine output's colours to the photo before paste-back. FLUX's autoencoder shifts brightness and
 * colour a little on every round trip, differently from output to output, and the shift shows as a seam where
 * the output meets the untouched photo. In a ring just outside the mask the output should equal the photo, so
 * per channel a gain and an offset ({@code photo ≈ gain · output + offset}) are estimated there and the whole
 * output is corrected by them.
 *
 * <p>Why this estimator: the ring also holds pixels the model legitimately changed (new content bleeding a few
 * pixels past the mask, a hosted engine's grown mask, clipped highlights), so a plain least-squares fit would be
 * pulled towards them. Least trimmed squares with half the ring kept (concentration steps from a median-offset
 * start) ignores up to half the ring as outliers; one reweighted least-squares step on the pixels within 2.5
 * robust sigmas then brings back the efficiency of a full fit. Theil–Sen would be as robust but needs pairs of
 * pixels; a median of ratios cannot model an offset. The fit runs on a 256 × 256 joint histogram per channel,
 * so its cost does not grow with the ring.
 *
 * <p>Where the ring cannot tell the drift the output is left as it is: too few ring pixels, a fit that does not
 * explain the ring (the output there is not the photo: the engine repainted it, or filled a solid colour), a gain
 * outside 0.8–1.25, or a correction of more than {@value #MAX_SHIFT} levels. A ring too flat to show a gain (a
 * clear sky) is still corrected by an offset alone, since that is where a shift is most visible.
 *
 * <p>Built once per job (the ring and the photo's colours in it); {@link #correct} then runs per output. Thread-safe.
 */
public final class ColorMatch {

    /** Fewer ring pixels than this estimate nothing reliably. */
    static final int MIN_RING_PIXELS = 200;
    /** Width of the ring, in source pixels, beyond the gap next to the mask. */
    static final int RING_WIDTH = 16;
    /** The ring is sampled down to about this many pixels: the histogram fit needs no more. */
    private static final int MAX_SAMPLES = 1 << 20;
    static final double MIN_GAIN = 0.8;
    static final double MAX_GAIN = 1.25;
    /** Largest correction, in levels, at mid-grey: VAE drift is a few levels; more means no correspondence. */
    static final double MAX_SHIFT = 40;
    /** Below this spread (levels) of the photo's ring the gain is not estimated, only the offset. */
    private static final double FLAT = 6;
    /** The fit must leave a robust residual spread of at most this, or this share of the photo's own spread. */
    private static final double MAX_RESIDUAL = 6;
    private static final double MAX_RESIDUAL_SHARE = 0.35;
    /** Scale of the median absolute deviation to a normal sigma. */
    private static final double MAD_SIGMA = 1.4826;

    private final Region crop;
    private final int[] ringIndex;
    private final int[] ringPhoto;
    /** The joint histogram of one channel, shared by the outputs of the job (hence {@link #correct} is synchronized). */
    private final int[] joint = new int[256 * 256];

    private ColorMatch(Region crop, int[] ringIndex, int[] ringPhoto) {
        this.crop = crop;
        this.ringIndex = ringIndex;
        this.ringPhoto = ringPhoto;
    }

    /**
     * Finds the ring: pixels of {@code crop} outside the mask, farther than {@code gap} px from it and within
     * {@code gap + }{@value #RING_WIDTH}, and keeps the photo's colours there.
     *
     * @param gap pixels next to the mask left out of the ring, where the new content may legitimately spill over
     */
    public static ColorMatch of(BufferedImage source, Mask mask, Region crop, int gap) {
        if (gap < 0) {
            throw new IllegalArgumentException("gap = " + gap + " is out of range: allowed 0 or more");
        }
        int iw = mask.width();
        int ih = mask.height();
        Region box = MaskOps.boundingBox(mask)
                .orElseThrow(() -> new IllegalArgumentException("mask is empty: no ring to match colours in"));
        Region window = box.grow(gap + RING_WIDTH, iw, ih);
        int ww = window.width();
        int wh = window.height();
        byte[] m = MaskOps.withoutNoise(mask.pixels(window.x(), window.y(), ww, wh));
        byte[] inner = MaskOps.withinDistance(m, ww, wh, gap, 1);
        byte[] outer = MaskOps.withinDistance(m, ww, wh, gap + RING_WIDTH, 1);
        int count = 0;
        for (int y = 0; y < wh; y++) {
            for (int x = 0; x < ww; x++) {
                int i = y * ww + x;
                if (outer[i] != 0 && inner[i] == 0 && crop.contains(window.x() + x, window.y() + y)) {
                    count++;
                }
            }
        }
        int stride = Math.max(1, (count + MAX_SAMPLES - 1) / MAX_SAMPLES);
        int[] index = new int[(count + stride - 1) / stride];
        int[] photo = new int[index.length];
        RgbRows rows = new RgbRows(source);
        int[] row = new int[ww];
        int seen = 0;
        int kept = 0;
        for (int y = 0; y < wh; y++) {
            boolean read = false;
            for (int x = 0; x < ww; x++) {
                int i = y * ww + x;
                int sx = window.x() + x;
                int sy = window.y() + y;
                if (outer[i] == 0 || inner[i] != 0 || !crop.contains(sx, sy)) {
                    continue;
                }
                if (seen++ % stride != 0 || kept >= index.length) {
                    continue;
                }
                if (!read) {
                    rows.read(window.x(), sy, ww, row, 0);
                    read = true;
                }
                index[kept] = (sy - crop.y()) * crop.width() + (sx - crop.x());
                photo[kept] = row[x] & 0xffffff;
                kept++;
            }
        }
        return new ColorMatch(crop, Arrays.copyOf(index, kept), Arrays.copyOf(photo, kept));
    }

    /** Ring pixels sampled. */
    public int ringSize() {
        return ringIndex.length;
    }

    /**
     * Corrects {@code generated} (the output at the crop's size, packed RGB, row by row) in place when the ring
     * tells its drift.
     *
     * @return true when it was corrected, false when it was left as it is
     */
    public synchronized boolean correct(int[] generated) {
        if (generated.length != crop.width() * crop.height()) {
            throw new IllegalArgumentException(generated.length + " pixels do not make the " + crop + " crop");
        }
        Optional<Correction> correction = estimate(generated);
        correction.ifPresent(c -> c.applyTo(generated));
        return correction.isPresent();
    }

    /** The gain and offset per channel the ring shows, or empty when it cannot tell them. */
    private Optional<Correction> estimate(int[] generated) {
        if (ringIndex.length < MIN_RING_PIXELS) {
            return Optional.empty();
        }
        double[] gain = new double[3];
        double[] offset = new double[3];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            Arrays.fill(joint, 0);
            for (int k = 0; k < ringIndex.length; k++) {
                int out = (generated[ringIndex[k]] >> shift) & 0xff;
                int photo = (ringPhoto[k] >> shift) & 0xff;
                joint[out << 8 | photo]++;
            }
            Optional<double[]> fit = ChannelFit.of(joint);
            if (fit.isEmpty()) {
                return Optional.empty();
            }
            gain[c] = fit.get()[0];
            offset[c] = fit.get()[1];
        }
        return Optional.of(new Correction(gain, offset));
    }

    /** {@code photo ≈ gain[c] · output + offset[c]} for red, green, blue. */
    record Correction(double[] gain, double[] offset) {

        void applyTo(int[] pixels) {
            int[][] lut = new int[3][256];
            for (int c = 0; c < 3; c++) {
                for (int v = 0; v < 256; v++) {
                    lut[c][v] = (int) Math.max(0, Math.min(255, Math.round(gain[c] * v + offset[c])));
                }
            }
            for (int i = 0; i < pixels.length; i++) {
                int p = pixels[i];
                pixels[i] = (p & 0xff000000) | lut[0][(p >> 16) & 0xff] << 16 | lut[1][(p >> 8) & 0xff] << 8
                        | lut[2][p & 0xff];
            }
        }
    }

    /** The robust fit of one channel, over its joint histogram (index output · 256 + photo). */
    static final class ChannelFit {
        private final int[] xs;
        private final int[] ys;
        private final int[] ns;
        private final long total;
        /** Scratch: absolute residuals, and cells ordered by them. */
        private final double[] r;
        private final long[] order;
        private final boolean[] keep;

        private ChannelFit(int[] joint) {
            int cells = 0;
            for (int n : joint) {
                if (n != 0) {
                    cells++;
                }
            }
            xs = new int[cells];
            ys = new int[cells];
            ns = new int[cells];
            long sum = 0;
            for (int i = 0, k = 0; i < joint.length; i++) {
                if (joint[i] != 0) {
                    xs[k] = i >> 8;
                    ys[k] = i & 0xff;
                    ns[k] = joint[i];
                    sum += joint[i];
                    k++;
                }
            }
            total = sum;
            r = new double[cells];
            order = new long[cells];
            keep = new boolean[cells];
        }

        /** Fills {@link #r} and sorts {@link #order}: float bits of a positive residual order like its value. */
        private void sortByResidual(double[] ab) {
            for (int k = 0; k < xs.length; k++) {
                r[k] = Math.abs(ys[k] - ab[0] * xs[k] - ab[1]);
                order[k] = (long) Float.floatToIntBits((float) r[k]) << 32 | k;
            }
            Arrays.sort(order);
        }

        /** {gain, offset}, or empty where the ring cannot tell them (see the class comment). */
        static Optional<double[]> of(int[] joint) {
            ChannelFit f = new ChannelFit(joint);
            if (f.total < MIN_RING_PIXELS) {
                return Optional.empty();
            }
            double[] ab = {1, f.medianOffset()};
            long half = (f.total + 1) / 2;
            double best = Double.POSITIVE_INFINITY;
            for (int step = 0; step < 10; step++) {
                boolean[] keep = f.smallestResiduals(ab, half);
                double[] next = f.leastSquares(keep);
                double cost = f.squaredResiduals(next, keep);
                if (cost >= best - 1e-9) {
                    break;
                }
                best = cost;
                ab = next;
            }
            double sigma = Math.max(f.residualSpread(ab), 0.5);
            boolean[] inliers = f.within(ab, 2.5 * sigma);
            ab = f.leastSquares(inliers);
            double residual = f.residualSpread(ab);
            double photoSpread = f.photoSpread();
            if (residual > Math.max(MAX_RESIDUAL, MAX_RESIDUAL_SHARE * photoSpread)) {
                return Optional.empty();
            }
            if (ab[0] < MIN_GAIN || ab[0] > MAX_GAIN || Math.abs((ab[0] - 1) * 128 + ab[1]) > MAX_SHIFT) {
                return Optional.empty();
            }
            return Optional.of(ab);
        }

        private double medianOffset() {
            int[] diff = new int[511];
            for (int k = 0; k < xs.length; k++) {
                diff[ys[k] - xs[k] + 255] += ns[k];
            }
            return median(diff) - 255;
        }

        /** Robust spread of the photo's values in the ring (MAD as a sigma). */
        private double photoSpread() {
            int[] values = new int[256];
            for (int k = 0; k < xs.length; k++) {
                values[ys[k]] += ns[k];
            }
            double med = median(values);
            int[] dev = new int[256];
            for (int v = 0; v < 256; v++) {
                dev[(int) Math.min(255, Math.round(Math.abs(v - med)))] += values[v];
            }
            return MAD_SIGMA * median(dev);
        }

        /** Robust spread of the residuals (median absolute residual as a sigma). */
        private double residualSpread(double[] ab) {
            sortByResidual(ab);
            long seen = 0;
            for (long o : order) {
                int k = (int) o;
                seen += ns[k];
                if (2 * seen >= total) {
                    return MAD_SIGMA * r[k];
                }
            }
            return 0;
        }

        /** The cells with the smallest absolute residuals holding at least {@code count} pixels. */
        private boolean[] smallestResiduals(double[] ab, long count) {
            sortByResidual(ab);
            Arrays.fill(keep, false);
            long seen = 0;
            for (long o : order) {
                if (seen >= count) {
                    break;
                }
                int k = (int) o;
                keep[k] = true;
                seen += ns[k];
            }
            return keep;
        }

        private boolean[] within(double[] ab, double limit) {
            for (int k = 0; k < xs.length; k++) {
                keep[k] = Math.abs(ys[k] - ab[0] * xs[k] - ab[1]) <= limit;
            }
            return keep;
        }

        /**
         * Weighted least squares over the kept cells, of the output on the photo (the photo is exact; the output
         * carries the model's noise, which would bias a fit the other way towards a gain below 1), turned round
         * into {@code photo = gain · output + offset}. Where the photo's values there are too flat to show a
         * gain, the gain is 1 and only the offset is fitted.
         */
        private double[] leastSquares(boolean[] keep) {
            double sw = 0;
            double sx = 0;
            double sy = 0;
            for (int k = 0; k < xs.length; k++) {
                if (keep[k]) {
                    sw += ns[k];
                    sx += (double) ns[k] * xs[k];
                    sy += (double) ns[k] * ys[k];
                }
            }
            if (sw == 0) {
                return new double[] {1, 0};
            }
            double mx = sx / sw;
            double my = sy / sw;
            double syy = 0;
            double sxy = 0;
            for (int k = 0; k < xs.length; k++) {
                if (keep[k]) {
                    double dy = ys[k] - my;
                    syy += ns[k] * dy * dy;
                    sxy += ns[k] * dy * (xs[k] - mx);
                }
            }
            if (Math.sqrt(syy / sw) < FLAT) {
                return new double[] {1, my - mx};
            }
            double slope = sxy / syy; // output per photo level
            if (slope <= 0) {
                return new double[] {0, 0}; // no gain explains it; refused by the plausibility check
            }
            return new double[] {1 / slope, my - mx / slope};
        }

        private double squaredResiduals(double[] ab, boolean[] keep) {
            double sum = 0;
            for (int k = 0; k < xs.length; k++) {
                if (keep[k]) {
                    double r = ys[k] - ab[0] * xs[k] - ab[1];
                    sum += ns[k] * r * r;
                }
            }
            return sum;
        }

        /** The lower median of a histogram. */
        private static int median(int[] histogram) {
            long total = 0;
            for (int n : histogram) {
                total += n;
            }
            long seen = 0;
            for (int v = 0; v < histogram.length; v++) {
                seen += histogram[v];
                if (2 * seen >= total) {
                    return v;
                }
            }
            return histogram.length - 1;
        }
    }
}
