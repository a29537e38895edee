package com.maskfill.app.mask;

import com.maskfill.app.history.UndoHistory;
import com.maskfill.app.tools.BrushTool;
import com.maskfill.app.tools.ToolBox;
import com.maskfill.app.tools.ToolEvent;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * Speed of mask painting, printed as {@code name value unit} lines (medians after warm-up).
 * Not a test (its name does not end in Test, so surefire skips it); run it by hand from the repository root:
 * <pre>
 * mvn -B -q -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
 * java -cp app/target/test-classes:app/target/classes:$(cat app/target/bench-classpath.txt) com.maskfill.app.mask.MaskPaintingBenchmark
 * </pre>
 * The FX half of the frame time is {@link MaskOverlayFxBenchmark} (same class path, under xvfb-run).
 */
public final class MaskPaintingBenchmark {

    private static final int W_1MP = 1024;
    private static final int H_1MP = 1024;
    private static final int W_8K = 7680;
    private static final int H_8K = 4320;
    /** Display tiles of the canvas are at most this big (PixelBuffer per tile). */
    private static final int DISPLAY_TILE = com.maskfill.app.canvas.TiledImageLayer.TILE;

    private MaskPaintingBenchmark() {
    }

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double dab1 = dabMicros(W_1MP, H_1MP, samples, false);
        double dab33 = dabMicros(W_8K, H_8K, samples, true);
        print("brush.dab_us.1mp", dab1, "us");
        print("brush.dab_us.33mp", dab33, "us");
        print("brush.dab_ratio.33mp_over_1mp", dab33 / dab1, "x");
        print("brush.dab_in_stroke_us.33mp", inStrokeDabMicros(W_8K, H_8K, samples), "us");
        print("brush.frame_ms.33mp", frameMillis(samples), "ms");
        undoBytes();
        print("mask.invert_ms.33mp", wholeMaskMillis(true), "ms");
        print("mask.export_ms.33mp", wholeMaskMillis(false), "ms");
        featherMillis();
    }

    /**
     * One 200 px dab at 50 % hardness as the first dab of a fresh stroke (so it pays for the first
     * touch of its tiles: undo snapshot and coverage buffer). The same tile-relative positions are used
     * at both sizes, spread over the whole image at 8K.
     */
    private static double dabMicros(int w, int h, int samples, boolean spread) {
        Mask mask = new Mask(w, h);
        BrushTip tip = new BrushTip(200, 0.5);
        Random rnd = new Random(1);
        double[] times = new double[samples];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < samples; i++) {
                double x = 110 + rnd.nextInt(800) + 0.3;
                double y = 110 + rnd.nextInt(800) + 0.7;
                if (spread) {
                    x += 256 * rnd.nextInt((w - 1024) / 256);
                    y += 256 * rnd.nextInt((h - 1024) / 256);
                }
                MaskStroke stroke = new MaskStroke(mask, (i & 1) == 0 ? 255 : 0, 1);
                long t0 = System.nanoTime();
                stroke.dab(x, y, tip);
                times[i] = (System.nanoTime() - t0) / 1e3;
                stroke.finish("bench");
            }
        }
        return median(times);
    }

    /** A dab inside a running stroke, 20 px (10 % spacing) after the previous one. */
    private static double inStrokeDabMicros(int w, int h, int samples) {
        Mask mask = new Mask(w, h);
        BrushTip tip = new BrushTip(200, 0.5);
        double[] times = new double[samples];
        for (int round = 0; round < 2; round++) {
            MaskStroke stroke = new MaskStroke(mask, 255, 0.7);
            double x = 200;
            double y = 300;
            for (int i = 0; i < samples; i++) {
                x += 20;
                if (x > w - 200) {
                    x = 200;
                    y += 150;
                }
                long t0 = System.nanoTime();
                stroke.dab(x, y, tip);
                times[i] = (System.nanoTime() - t0) / 1e3;
            }
            stroke.finish("bench");
        }
        return median(times);
    }

    /**
     * Pointer event → brush tool → dab → mask listener → overlay pixels of the dirty rectangle written
     * into the display tile's buffer. The JavaFX upload (PixelBuffer.updateBuffer) is not included here.
     */
    private static double frameMillis(int samples) {
        MaskDocument doc = new MaskDocument(W_8K, H_8K);
        ToolBox tools = new ToolBox(() -> doc);
        BrushTool brush = tools.brush();
        brush.settings().setSize(200);
        brush.settings().setHardness(0.5);
        MaskOverlayRenderer renderer = new MaskOverlayRenderer();
        int cols = (W_8K + DISPLAY_TILE - 1) / DISPLAY_TILE;
        int rows = (H_8K + DISPLAY_TILE - 1) / DISPLAY_TILE;
        PixelRect[] tiles = new PixelRect[cols * rows];
        IntBuffer[] buffers = new IntBuffer[cols * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                PixelRect t = new PixelRect(c * DISPLAY_TILE, r * DISPLAY_TILE,
                        Math.min(DISPLAY_TILE, W_8K - c * DISPLAY_TILE), Math.min(DISPLAY_TILE, H_8K - r * DISPLAY_TILE));
                tiles[r * cols + c] = t;
                buffers[r * cols + c] = java.nio.ByteBuffer.allocateDirect(t.width() * t.height() * 4).order(java.nio.ByteOrder.nativeOrder()).asIntBuffer();
            }
        }
        doc.mask().addListener(dirty -> {
            for (int i = 0; i < tiles.length; i++) {
                renderer.renderIntoTile(doc.mask(), dirty, buffers[i], tiles[i]);
            }
        });
        double[] times = new double[samples];
        for (int round = 0; round < 2; round++) {
            double x = 300;
            double y = 300;
            brush.pressed(ToolEvent.at(x, y));
            for (int i = 0; i < samples; i++) {
                x += 20;
                if (x > W_8K - 300) {
                    brush.released(ToolEvent.at(x - 20, y));
                    x = 300;
                    y = y > H_8K - 600 ? 300 : y + 170;
                    brush.pressed(ToolEvent.at(x, y));
                }
                long t0 = System.nanoTime();
                brush.dragged(ToolEvent.at(x, y));
                times[i] = (System.nanoTime() - t0) / 1e6;
            }
            brush.released(ToolEvent.at(x, y));
            doc.history().clear();
        }
        return median(times);
    }

    /** History growth for one 1000 px stroke of a 100 px brush at 8K, on an empty and on a noisy mask. */
    private static void undoBytes() {
        for (boolean noisy : new boolean[] {false, true}) {
            MaskDocument doc;
            if (noisy) {
                byte[] noise = new byte[W_8K * H_8K];
                new Random(3).nextBytes(noise);
                doc = new MaskDocument(Mask.fromByteArray(W_8K, H_8K, noise), new UndoHistory());
            } else {
                doc = new MaskDocument(W_8K, H_8K);
            }
            BrushTool brush = new ToolBox(() -> doc).brush();
            brush.settings().setSize(100);
            brush.settings().setHardness(0.5);
            long before = doc.history().bytesHeld();
            brush.pressed(ToolEvent.at(3000, 2000));
            for (int x = 3005; x <= 4000; x += 5) {
                brush.dragged(ToolEvent.at(x, 2000));
            }
            brush.released(ToolEvent.at(4000, 2000));
            long bytes = doc.history().bytesHeld() - before;
            long bbox = 1100L * 100;
            String suffix = noisy ? ".noisy_mask" : "";
            print("undo.bytes_per_stroke.33mp" + suffix, bytes, "bytes");
            print("undo.bytes_over_bbox_area.33mp" + suffix, (double) bytes / bbox, "x");
        }
    }

    /**
     * Feather by 32 px as the user runs it: export of the masked area (+ radius), MaskOps.feather,
     * recording the changed tiles into one history entry. Worst case: the mask reaches all four
     * image edges (a large ellipse plus a soft band along the top and bottom borders), so the whole
     * 33 MP is filtered; then a 5000×3000 ellipse alone.
     */
    private static void featherMillis() {
        for (boolean wholeImage : new boolean[] {true, false}) {
            MaskDocument doc = new MaskDocument(W_8K, H_8K);
            MaskStroke shape = new MaskStroke(doc.mask(), 255, 1);
            shape.cover(new java.awt.geom.Ellipse2D.Double(1000, 500, 5000, 3000));
            if (wholeImage) {
                BrushTip tip = new BrushTip(60, 0);
                for (int x = 0; x < W_8K; x += 20) {
                    shape.dab(x, 0, tip);
                    shape.dab(x, H_8K - 1, tip);
                }
            }
            doc.history().push(shape.finish("fixture"));
            double[] times = new double[7];
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                doc.commands().feather(32);
                times[i] = (System.nanoTime() - t0) / 1e6;
                doc.history().undo();
            }
            double median = median(Arrays.copyOfRange(times, 2, times.length));
            print(wholeImage ? "mask.feather_ms.33mp" : "mask.feather_ms.33mp.ellipse_5000x3000", median, "ms");
        }
    }

    private static double wholeMaskMillis(boolean invert) {
        MaskDocument doc = new MaskDocument(W_8K, H_8K);
        double[] times = new double[7];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            if (invert) {
                doc.commands().invert();
            } else {
                doc.mask().toByteArray();
            }
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(Arrays.copyOfRange(times, 2, times.length));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static void print(String name, double value, String unit) {
        System.out.printf("%s %.3f %s%n", name, value, unit);
    }
}
