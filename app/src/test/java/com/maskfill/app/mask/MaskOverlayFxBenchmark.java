package com.maskfill.app.mask;

import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.canvas.ViewTransform;
import com.maskfill.app.tools.CanvasMaskTools;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;

/**
 * The FX half of {@code brush.frame_ms.33mp}, measured in the real canvas: a mouse event fired at the
 * {@link CanvasView} showing an 8K photo → view-to-image conversion → brush dab → overlay pixels of the dirty
 * rectangle rendered into the display tile → {@code PixelBuffer.updateBuffer} for that rectangle. One event
 * per pulse, as when painting. Needs a display (xvfb-run on a headless box). Add
 * {@code -Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=0} to see the render thread's time per
 * pulse (texture upload and drawing), which this FX-thread figure does not include.
 */
public final class MaskOverlayFxBenchmark {

    private static final int W = 7680;
    private static final int H = 4320;

    private MaskOverlayFxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            Platform.exit();
        }
    }

    private static void run(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        BufferedImage photo = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        java.util.Arrays.fill(((java.awt.image.DataBufferInt) photo.getRaster().getDataBuffer()).getData(), 0xFF808890);
        CanvasView canvas = onFx(() -> {
            CanvasView view = new CanvasView();
            CanvasMaskTools maskTools = new CanvasMaskTools(view);
            Stage stage = new Stage();
            stage.setScene(new Scene(view, 1280, 720));
            stage.show();
            maskTools.open(W, H);
            view.setImage(photo);
            maskTools.tools().brush().settings().setSize(200);
            maskTools.tools().brush().settings().setHardness(0.5);
            view.getProperties().put(CanvasMaskTools.class, maskTools);
            return view;
        });

        double[] times = new double[samples];
        for (int round = 0; round < 2; round++) {
            double[] pos = {300, 300};
            fire(canvas, MouseEvent.MOUSE_PRESSED, pos[0], pos[1]);
            for (int i = 0; i < samples; i++) {
                pos[0] += 20;
                if (pos[0] > W - 300) {
                    fire(canvas, MouseEvent.MOUSE_RELEASED, pos[0] - 20, pos[1]);
                    pos[0] = 300;
                    pos[1] = pos[1] > H - 600 ? 300 : pos[1] + 170;
                    fire(canvas, MouseEvent.MOUSE_PRESSED, pos[0], pos[1]);
                }
                times[i] = fire(canvas, MouseEvent.MOUSE_DRAGGED, pos[0], pos[1]);
                Thread.sleep(16); // one pointer event per frame
            }
            fire(canvas, MouseEvent.MOUSE_RELEASED, pos[0], pos[1]);
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf("brush.frame_fx_thread_ms.33mp %.3f ms%n", sorted[sorted.length / 2]);
        System.out.printf("brush.frame_fx_thread_p95_ms.33mp %.3f ms%n", sorted[(int) (sorted.length * 0.95)]);
        onFx(() -> {
            CanvasMaskTools tools = (CanvasMaskTools) canvas.getProperties().get(CanvasMaskTools.class);
            System.out.printf("check.history_entries %d count%n", tools.document().history().undoCount());
            return null;
        });
    }

    /** Fires a primary-button mouse event at image point (x, y); returns the FX-thread milliseconds it took. */
    private static double fire(CanvasView canvas, javafx.event.EventType<MouseEvent> type, double x, double y)
            throws Exception {
        return onFx(() -> {
            ViewTransform t = canvas.getTransform();
            Point2D scene = canvas.localToScene(t.toViewX(x), t.toViewY(y));
            Point2D screen = canvas.localToScreen(t.toViewX(x), t.toViewY(y));
            MouseEvent e = new MouseEvent(type, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                    MouseButton.PRIMARY, 1, false, false, false, false, type != MouseEvent.MOUSE_RELEASED,
                    false, false, false, false, false, null);
            long t0 = System.nanoTime();
            Event.fireEvent(canvas, e);
            return (System.nanoTime() - t0) / 1e6;
        });
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
