package com.maskfill.app.ui;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * WCAG 2 contrast measured on screen: the window is rendered, the pixels under a text node are read, the most common
 * colour there is the background, and the text is the colour that stands out most from it (the 20th most
 * contrasting pixel, so a stray pixel of anti-aliasing noise cannot decide).
 */
final class RenderedContrast {

    private RenderedContrast() {
    }

    /** The contrast ratio (1–21) between the text pixels and the background under {@code textNode}. */
    static double of(Node textNode) throws Exception {
        int[] pixels = WaitForAsyncUtils.asyncFx(() -> pixelsUnder(textNode)).get();
        int background = mostCommon(pixels);
        double bg = luminance(background);
        double[] ratios = Arrays.stream(pixels).mapToDouble(p -> ratio(luminance(p), bg)).sorted().toArray();
        return ratios[Math.max(0, ratios.length - 20)];
    }

    /** The most common colour under {@code node}, as 0xRRGGBB. */
    static int background(Node node) throws Exception {
        return mostCommon(WaitForAsyncUtils.asyncFx(() -> pixelsUnder(node)).get()) & 0xFFFFFF;
    }

    /** WCAG relative luminance of an sRGB colour. */
    static double luminance(int rgb) {
        return 0.2126 * linear(rgb >> 16 & 0xFF) + 0.7152 * linear(rgb >> 8 & 0xFF) + 0.0722 * linear(rgb & 0xFF);
    }

    static double ratio(double l1, double l2) {
        return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** On the FX thread: the rendered window's pixels inside the node's bounds. */
    private static int[] pixelsUnder(Node node) {
        WritableImage shot = node.getScene().snapshot(null);
        Bounds b = node.localToScene(node.getBoundsInLocal());
        int x0 = (int) Math.max(0, Math.floor(b.getMinX()));
        int y0 = (int) Math.max(0, Math.floor(b.getMinY()));
        int x1 = (int) Math.min(shot.getWidth(), Math.ceil(b.getMaxX()));
        int y1 = (int) Math.min(shot.getHeight(), Math.ceil(b.getMaxY()));
        if (x1 <= x0 || y1 <= y0) {
            throw new AssertionError("the node is not on screen: " + b);
        }
        PixelReader reader = shot.getPixelReader();
        int[] pixels = new int[(x1 - x0) * (y1 - y0)];
        int i = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                pixels[i++] = reader.getArgb(x, y);
            }
        }
        return pixels;
    }

    private static int mostCommon(int[] pixels) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int p : pixels) {
            counts.merge(p, 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
