package com.maskfill.app.outpaint;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Extends a photo for outpainting: the new area is pre-filled from the nearest edge pixels (the model then
 * starts from plausible colours instead of black) and masked, together with a thin overlap strip of the old
 * edge so the seam is regenerated too. Nothing else is masked: like Generative Expand, an extension fills only
 * what it added (the mask painted before is put aside by the undoable edit, not carried into the new one).
 */
public final class Outpainting {

    /**
     * What an extension is sent with when the prompt is left empty (a plain extension, as in Generative Expand).
     * A prompt is still sent because WaveSpeed, 1min.ai and Wiro require one (docs/hosted-apis.md) and every
     * request is checked for one; this one only asks for more of what is there. Results record it as their prompt.
     */
    public static final String PLAIN_EXTENSION_PROMPT =
            "a seamless continuation of the surrounding photo, same scene, light and style";

    /** Pixels of the original edge regenerated with the new area, so no hard seam remains. */
    public static final int OVERLAP = 8;

    private Outpainting() {
    }

    /** The extended photo and its mask (one byte per pixel, 255 = regenerate). */
    public record Extended(BufferedImage image, byte[] mask) {
    }

    public static Extended extend(BufferedImage photo, CanvasExtension e) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        int nw = e.newWidth(w);
        int nh = e.newHeight(h);
        int[] src = photo.getType() == BufferedImage.TYPE_INT_ARGB
                ? ((DataBufferInt) photo.getRaster().getDataBuffer()).getData()
                : photo.getRGB(0, 0, w, h, null, 0, w);
        BufferedImage out = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_ARGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] outMask = new byte[nw * nh];
        for (int y = 0; y < nh; y++) {
            int sy = Math.min(h - 1, Math.max(0, y - e.top()));
            boolean rowInside = y >= e.top() && y < e.top() + h;
            for (int x = 0; x < nw; x++) {
                int sx = Math.min(w - 1, Math.max(0, x - e.left()));
                dst[y * nw + x] = src[sy * w + sx];
                boolean inside = rowInside && x >= e.left() && x < e.left() + w;
                outMask[y * nw + x] = inside ? 0 : (byte) 255;
            }
        }
        maskOverlap(outMask, nw, e, w, h);
        return new Extended(out, outMask);
    }

    /** Masks {@link #OVERLAP} pixels of the old photo along each side that grew. */
    private static void maskOverlap(byte[] mask, int nw, CanvasExtension e, int w, int h) {
        int x0 = e.left();
        int y0 = e.top();
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                boolean nearGrownSide = e.left() > 0 && x < x0 + OVERLAP || e.right() > 0 && x >= x0 + w - OVERLAP
                        || e.top() > 0 && y < y0 + OVERLAP || e.bottom() > 0 && y >= y0 + h - OVERLAP;
                if (nearGrownSide) {
                    mask[y * nw + x] = (byte) 255;
                }
            }
        }
    }
}
