package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Hashtable;

/**
 * Puts engine outputs back into the source: each output is scaled to the crop region and blended in through
 * the mask feathered by {@code featherRadius} px. Pixels farther than the radius from every non-zero mask
 * pixel are the source's, bit for bit (the model's colour drift outside the mask never reaches the user),
 * and the result always has the source's size and pixel format.
 *
 * <p>The feathered mask is computed once, over the mask's bounding box plus a margin only, so several
 * outputs of one job share it and a small mask on a large photo stays cheap.
 */
public final class PasteBack {

    private final Region region;
    private final Region window;
    private final byte[] alpha;
    private final int imageWidth;
    private final int imageHeight;

    /**
     * @param region the crop the outputs correspond to; must hold every pixel within {@code featherRadius}
     *               of the mask (use a crop padding of at least the radius)
     */
    public PasteBack(Mask mask, Region region, int featherRadius) {
        if (featherRadius < 0) {
            throw new IllegalArgumentException("featherRadius = " + featherRadius + " is out of range: allowed 0 or more");
        }
        this.region = region;
        this.imageWidth = mask.width();
        this.imageHeight = mask.height();
        byte[] all = mask.pixels();
        Region box = MaskOps.boundingBox(all, imageWidth, imageHeight)
                .orElseThrow(() -> new IllegalArgumentException("mask is empty: nothing to paste back"));
        Region reach = box.grow(featherRadius, imageWidth, imageHeight);
        if (!region.contains(reach)) {
            throw new IllegalArgumentException("crop " + region + " does not hold the mask and its " + featherRadius
                    + " px feather (" + reach + "): pad the crop by at least the feather radius");
        }
        // A margin of twice the radius keeps the blur's edge handling away from every pixel it can reach,
        // so feathering this window equals feathering the whole mask.
        this.window = box.grow(2 * featherRadius + 2, imageWidth, imageHeight);
        byte[] local = new byte[window.width() * window.height()];
        for (int y = 0; y < window.height(); y++) {
            System.arraycopy(all, (window.y() + y) * imageWidth + window.x(), local, y * window.width(), window.width());
        }
        byte[] feathered = MaskOps.feather(local, window.width(), window.height(), featherRadius);
        // The blur's support is square; cut it to the disc so the radius promise holds on diagonals too.
        byte[] near = MaskOps.withinDistance(local, window.width(), window.height(), featherRadius, 1);
        for (int i = 0; i < feathered.length; i++) {
            if (near[i] == 0) {
                feathered[i] = 0;
            }
        }
        this.alpha = feathered;
    }

    /** The crop region the outputs are scaled back to. */
    public Region region() {
        return region;
    }

    /** The blend weight (0–255) at source pixel (x, y). */
    public int alphaAt(int x, int y) {
        return window.contains(x, y) ? alpha[(y - window.y()) * window.width() + (x - window.x())] & 0xff : 0;
    }

    /**
     * A new image of the source's size and type: the source, with {@code output} (any size; it is scaled to
     * the crop region) blended in. The source's alpha channel is kept.
     */
    public BufferedImage apply(BufferedImage source, BufferedImage output) {
        if (source.getWidth() != imageWidth || source.getHeight() != imageHeight) {
            throw new IllegalArgumentException("source is " + source.getWidth() + "×" + source.getHeight()
                    + " but the mask is " + imageWidth + "×" + imageHeight);
        }
        int rw = region.width();
        int[] generated = new RgbRows(output).read(new Region(0, 0, output.getWidth(), output.getHeight()));
        generated = Resampler.scaleRgb(generated, output.getWidth(), output.getHeight(), rw, region.height());
        BufferedImage result = copyOf(source);
        int x0 = Math.max(window.x(), region.x());
        int x1 = Math.min(window.right(), region.right());
        int y0 = Math.max(window.y(), region.y());
        int y1 = Math.min(window.bottom(), region.bottom());
        int[] gen = generated;
        // Rows are independent and each thread writes its own rows only.
        Bands.run(Math.max(0, y1 - y0), (long) Math.max(0, x1 - x0) * Math.max(0, y1 - y0), (from, to) -> {
            RgbRows rows = new RgbRows(result);
            int[] run = new int[Math.max(0, x1 - x0)];
            for (int y = y0 + from; y < y0 + to; y++) {
                blendRow(rows, run, gen, y, x0, x1);
            }
        });
        return result;
    }

    /** Blends the runs of row {@code y} whose weight is not zero; only those pixels are read and written. */
    private void blendRow(RgbRows rows, int[] run, int[] generated, int y, int x0, int x1) {
        int alphaRow = (y - window.y()) * window.width() - window.x();
        int genRow = (y - region.y()) * region.width() - region.x();
        int x = x0;
        while (x < x1) {
            while (x < x1 && alpha[alphaRow + x] == 0) {
                x++;
            }
            int start = x;
            while (x < x1 && alpha[alphaRow + x] != 0) {
                x++;
            }
            int length = x - start;
            if (length == 0) {
                continue;
            }
            rows.read(start, y, length, run, 0);
            for (int i = 0; i < length; i++) {
                int a = alpha[alphaRow + start + i] & 0xff;
                int src = run[i];
                run[i] = (src & 0xff000000) | blend(src, generated[genRow + start + i], a);
            }
            rows.write(start, y, length, run);
        }
    }

    private static int blend(int src, int gen, int a) {
        int rgb = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            int s = (src >> shift) & 0xff;
            int g = (gen >> shift) & 0xff;
            rgb |= ((s * (255 - a) + g * a + 127) / 255) << shift;
        }
        return rgb;
    }

    /** A pixel-for-pixel copy in the same colour model, so untouched pixels stay bit-identical. */
    private static BufferedImage copyOf(BufferedImage source) {
        WritableRaster raster = source.getRaster();
        WritableRaster copy;
        DataBuffer data = raster.getDataBuffer();
        if (raster.getParent() == null && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0 && data.getNumBanks() == 1) {
            // A whole-image raster: cloning its one array is several times faster than copyData's row loop.
            DataBuffer cloned = null;
            if (data instanceof DataBufferByte b) {
                cloned = new DataBufferByte(b.getData().clone(), b.getSize(), b.getOffset());
            } else if (data instanceof DataBufferInt i) {
                cloned = new DataBufferInt(i.getData().clone(), i.getSize(), i.getOffset());
            } else if (data instanceof DataBufferUShort u) {
                cloned = new DataBufferUShort(u.getData().clone(), u.getSize(), u.getOffset());
            }
            copy = cloned == null ? null : Raster.createWritableRaster(raster.getSampleModel(), cloned, null);
        } else {
            copy = null;
        }
        if (copy == null) {
            copy = source.copyData(raster.createCompatibleWritableRaster());
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        String[] names = source.getPropertyNames();
        if (names != null) {
            for (String name : names) {
                properties.put(name, source.getProperty(name));
            }
        }
        return new BufferedImage(source.getColorModel(), copy, source.isAlphaPremultiplied(), properties);
    }
}
