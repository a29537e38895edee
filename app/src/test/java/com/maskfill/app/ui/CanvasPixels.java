package com.maskfill.app.ui;

import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.canvas.ViewTransform;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

/** What the canvas shows, read back from a snapshot of the real node. */
final class CanvasPixels {

    private CanvasPixels() {
    }

    /** The ARGB the canvas draws for photo pixel (x, y) with the view as it is now; call off the FX thread. */
    static int shownAt(EditorWindow window, double imageX, double imageY) throws Exception {
        CanvasView canvas = window.canvas();
        ViewTransform t = canvas.getTransform();
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get();
        return shot.getPixelReader().getArgb((int) t.toViewX(imageX), (int) t.toViewY(imageY));
    }
}
