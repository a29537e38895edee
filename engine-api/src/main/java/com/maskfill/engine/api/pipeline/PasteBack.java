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
 * Puts engine outputs back into the source. Each output is scaled to the crop region and becomes a
 * <em>layer</em>: a crop-sized ARGB image whose colour is the output and whose alpha is the blend weight, the
 * mask feathered outward by {@code featherRadius} px. Blending a layer into a photo changes only the pixels
 * whose weight is not zero, so it can go into the photo as it is <em>now</em> (results applied since the job
 * started stay), and a job costs memory in proportion to its crop, not to the photo.
 *
 * <p>A mask value is a strength: the weight on every mask pixel of at least {@link MaskOps#NOISE_FLOOR} is the
 * mask's own value (255 takes the output wholly, 128 blends it half-way), whatever the engine was sent. Outside
 * the mask it fades to 0 over the {@code featherRadius} px, starting from the strength of the nearest mask pixel
 * (so a hard mask drawn tight around an object leaves no halo of the old object, and a soft one is not made
 * harder at its edge), and is 0 farther out: there the source is kept bit for bit, and the model's colour drift
 * outside the mask never reaches the user.
 *
 * <p>The weights are computed once, over the mask's bounding box plus a margin only, so several outputs of one
 * job share them and a small mask on a large photo stays cheap.
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
        Region box = MaskOps.boundingBox(mask)
                .orElseThrow(() -> new IllegalArgumentException("mask is empty: nothing to paste back"));
        Region reach = box.grow(featherRadius, imageWidth, imageHeight);
        if (!region.contains(reach)) {
            throw new IllegalArgumentException("crop " + region + " does not hold the mask and its " + featherRadius
                    + " px feather (" + reach + "): pad the crop by at least the feather radius");
        }
        // A margin of twice the radius keeps the blur's edge handling away from every pixel it can reach,
        // so feathering this window equals feathering the whole mask.
        this.window = box.grow(2 * featherRadius + 2, imageWidth, imageHeight);
        this.alpha = weights(MaskOps.withoutNoise(mask.pixels(window.x(), window.y(), window.width(), window.height())),
                window.width(), window.height(), featherRadius);
    }

    /**
     * The soft edge: the mask's extent grown by half the radius and blurred by the other half, so it runs from
     * the mask's edge outward, and the blur's square support is cut to the disc so nothing farther than the
     * radius is touched, on diagonals too. Mask pixels keep exactly their value; outside, the edge is scaled by
     * the nearest mask pixel's value (a hard mask, all 255, needs no such look-up).
     */
    private static byte[] weights(byte[] mask, int width, int height, int radius) {
        boolean hard = true;
        for (byte v : mask) {
            if (v != 0 && v != (byte) 255) {
                hard = false;
                break;
            }
        }
        byte[] extent = hard ? mask : MaskOps.threshold(mask, width, height, 1);
        int grow = (radius + 1) / 2;
        byte[] feathered = MaskOps.feather(MaskOps.grow(extent, width, height, grow), width, height, radius - grow);
        byte[] near = hard ? MaskOps.withinDistance(mask, width, height, radius, 1)
                : MaskOps.nearestValues(mask, width, height, radius);
        for (int i = 0; i < feathered.length; i++) {
            int m = mask[i] & 0xff;
            int edge = feathered[i] & 0xff;
            int weight;
            if (near[i] == 0) {
                weight = 0;
            } else if (m != 0) {
                weight = m;
            } else {
                weight = hard ? edge : (edge * (near[i] & 0xff) + 127) / 255;
            }
            feathered[i] = (byte) weight;
        }
        return feathered;
    }

    /** The crop region the outputs are scaled back to, and where their layers lie. */
    public Region region() {
        return region;
    }

    /** The blend weight (0–255) at source pixel (x, y). */
    public int alphaAt(int x, int y) {
        return window.contains(x, y) ? alpha[(y - window.y()) * window.width() + (x - window.x())] & 0xff : 0;
    }

    /**
     * The layer of one output (any size; it is scaled to the crop region): a {@link #region()}-sized
     * {@link BufferedImage#TYPE_INT_ARGB} image, not premultiplied, with the output's colours and the blend weight
     * as alpha.
     */
    public BufferedImage layer(BufferedImage output) {
        return layerOf(scaled(output));
    }

    /** The output scaled to the crop region: packed RGB, row by row (what {@link ColorMatch#correct} takes). */
    public int[] scaled(BufferedImage output) {
        int[] generated = new RgbRows(output).read(new Region(0, 0, output.getWidth(), output.getHeight()));
        return Resampler.scaleRgb(generated, output.getWidth(), output.getHeight(), region.width(), region.height());
    }

    /** The layer of an output already {@link #scaled} to the crop region; takes over {@code generated}. */
    public BufferedImage layerOf(int[] generated) {
        int rw = region.width();
        int rh = region.height();
        if (generated.length != rw * rh) {
            throw new IllegalArgumentException(generated.length + " pixels do not make the " + region + " crop");
        }
        for (int y = 0; y < rh; y++) {
            for (int x = 0; x < rw; x++) {
                int i = y * rw + x;
                generated[i] = alphaAt(region.x() + x, region.y() + y) << 24 | (generated[i] & 0xffffff);
            }
        }
        BufferedImage layer = new BufferedImage(rw, rh, BufferedImage.TYPE_INT_ARGB);
        layer.getRaster().setDataElements(0, 0, rw, rh, generated);
        return layer;
    }

    /**
     * A new image of the source's size and type: the source with {@code output} blended in. Costs a full-size
     * copy; keep {@link #layer} where the full size is not needed.
     */
    public BufferedImage apply(BufferedImage source, BufferedImage output) {
        if (source.getWidth() != imageWidth || source.getHeight() != imageHeight) {
            throw new IllegalArgumentException("source is " + source.getWidth() + "×" + source.getHeight()
                    + " but the mask is " + imageWidth + "×" + imageHeight);
        }
        return composed(source, region, layer(output));
    }

    /**
     * A new image of the source's size and type, pixel for pixel the source except where {@code layer} (placed
     * at {@code at}) has a non-zero alpha: there it is blended in. The source's own alpha is kept.
     */
    public static BufferedImage composed(BufferedImage source, Region at, BufferedImage layer) {
        BufferedImage result = copyOf(source);
        blendInto(result, at, layer);
        return result;
    }

    /**
     * Blends {@code layer} (ARGB, alpha = weight) into {@code target} at {@code at}, in place. Only the pixels
     * whose weight is not zero are read and written; the target's alpha is kept.
     */
    public static void blendInto(BufferedImage target, Region at, BufferedImage layer) {
        checkLayer(at, layer);
        if (!new Region(0, 0, target.getWidth(), target.getHeight()).contains(at)) {
            throw new IllegalArgumentException("layer at " + at + " lies outside the " + target.getWidth() + "×"
                    + target.getHeight() + " image");
        }
        int w = at.width();
        // Rows are independent and each thread writes its own rows only.
        Bands.run(at.height(), (long) w * at.height(), (from, to) -> {
            RgbRows rows = new RgbRows(target);
            int[] weights = new int[w];
            int[] run = new int[w];
            for (int y = from; y < to; y++) {
                layer.getRGB(0, y, w, 1, weights, 0, w);
                blendRow(rows, run, weights, at.x(), at.y() + y);
            }
        });
    }

    /**
     * {@code under} (ARGB pixels of a layer's region, row by row) with the layer blended in, as a new array: for
     * the editor's Apply, which keeps both for undo.
     */
    public static int[] blended(int[] under, BufferedImage layer) {
        int w = layer.getWidth();
        int h = layer.getHeight();
        if (under.length != w * h) {
            throw new IllegalArgumentException(under.length + " pixels do not make the layer's " + w + "×" + h);
        }
        int[] layerPixels = layer.getRGB(0, 0, w, h, null, 0, w);
        int[] out = under.clone();
        for (int i = 0; i < out.length; i++) {
            int a = layerPixels[i] >>> 24;
            if (a != 0) {
                out[i] = (under[i] & 0xff000000) | blend(under[i], layerPixels[i], a);
            }
        }
        return out;
    }

    private static void checkLayer(Region at, BufferedImage layer) {
        if (layer.getWidth() != at.width() || layer.getHeight() != at.height()) {
            throw new IllegalArgumentException("layer is " + layer.getWidth() + "×" + layer.getHeight()
                    + " but its place is " + at);
        }
    }

    /** Blends the runs of one row whose weight is not zero; only those pixels are read and written. */
    private static void blendRow(RgbRows rows, int[] run, int[] layerRow, int x0, int y) {
        int n = layerRow.length;
        int x = 0;
        while (x < n) {
            while (x < n && layerRow[x] >>> 24 == 0) {
                x++;
            }
            int start = x;
            while (x < n && layerRow[x] >>> 24 != 0) {
                x++;
            }
            int length = x - start;
            if (length == 0) {
                continue;
            }
            rows.read(x0 + start, y, length, run, 0);
            for (int i = 0; i < length; i++) {
                int src = run[i];
                int gen = layerRow[start + i];
                run[i] = (src & 0xff000000) | blend(src, gen, gen >>> 24);
            }
            rows.write(x0 + start, y, length, run);
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
