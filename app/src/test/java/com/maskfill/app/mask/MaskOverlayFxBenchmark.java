package com.maskfill.app.mask;

import com.maskfill.app.mask.fx.MaskOverlayLayer;
import com.maskfill.app.tools.BrushTool;
import com.maskfill.app.tools.ToolBox;
import com.maskfill.app.tools.ToolEvent;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The FX half of {@code brush.frame_ms.33mp}: on the FX thread, pointer event → brush dab → overlay
 * pixels of the dirty rectangle rendered into the 4096² display tile → {@code PixelBuffer.updateBuffer}
 * for that rectangle, with an 8K overlay shown in a window. One event per pulse, as when painting.
 * Needs a display (xvfb-run on a headless box). Run with {@code -Djavafx.pulseLogger=true
 * -Djavafx.pulseLogger.threshold=0} to also see the render thread's time per pulse.
 */
public final class MaskOverlayFxBenchmark {

    private MaskOverlayFxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        MaskDocument doc = new MaskDocument(7680, 4320);
        BrushTool brush = new ToolBox(() -> doc).brush();
        brush.settings().setSize(200);
        brush.settings().setHardness(0.5);
        onFx(() -> {
            MaskOverlayLayer overlay = new MaskOverlayLayer(doc.mask(), new MaskOverlayRenderer());
            Group view = new Group(overlay.node());
            // Fit 7680 px into a 1280 px window, as the canvas does at "fit" zoom.
            view.getTransforms().add(new javafx.scene.transform.Scale(1 / 6.0, 1 / 6.0));
            Stage stage = new Stage();
            stage.setScene(new Scene(view, 1280, 720));
            stage.show();
            return null;
        });

        double[] times = new double[samples];
        for (int round = 0; round < 2; round++) {
            double[] pos = {300, 300};
            onFx(() -> {
                brush.pressed(ToolEvent.at(pos[0], pos[1]));
                return null;
            });
            for (int i = 0; i < samples; i++) {
                pos[0] += 20;
                if (pos[0] > 7380) {
                    pos[0] = 300;
                    pos[1] += 170;
                }
                double x = pos[0];
                double y = pos[1];
                times[i] = onFx(() -> {
                    long t0 = System.nanoTime();
                    brush.dragged(ToolEvent.at(x, y));
                    return (System.nanoTime() - t0) / 1e6;
                });
                Thread.sleep(16); // one pointer event per frame
            }
            onFx(() -> {
                brush.released(ToolEvent.at(pos[0], pos[1]));
                doc.history().clear();
                return null;
            });
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf("brush.frame_fx_thread_ms.33mp %.3f ms%n", sorted[sorted.length / 2]);
        System.out.printf("brush.frame_fx_thread_p95_ms.33mp %.3f ms%n", sorted[(int) (sorted.length * 0.95)]);
        Platform.exit();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
