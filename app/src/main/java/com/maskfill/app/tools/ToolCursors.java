package com.maskfill.app.tools;

import com.maskfill.app.canvas.CanvasView;
import javafx.geometry.Dimension2D;
import javafx.scene.Cursor;
import javafx.scene.ImageCursor;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/**
 * The pointer over the canvas says what a mask tool does: a crosshair with + where it adds to the mask (brush,
 * shapes) and with − where it removes (eraser, shapes in Subtract mode), as image editors mark their selection
 * tools. Follows tool switches and, on the next pointer move, the Subtract switch.
 */
final class ToolCursors {

    private static final int SIZE = 32;
    private static final int CENTRE = 15;

    private final CanvasView canvas;
    private final ToolBox tools;
    private final Cursor add;
    private final Cursor subtract;

    ToolCursors(CanvasView canvas, ToolBox tools) {
        this.canvas = canvas;
        this.tools = tools;
        Dimension2D best = ImageCursor.getBestSize(SIZE, SIZE);
        boolean images = best.getWidth() > 0 && best.getHeight() > 0;
        // where the platform has no image cursors both fall back to a plain crosshair
        this.add = images ? new ImageCursor(draw(true), CENTRE, CENTRE) : Cursor.CROSSHAIR;
        this.subtract = images ? new ImageCursor(draw(false), CENTRE, CENTRE) : Cursor.CROSSHAIR;
        tools.addListener(this::refresh);
        canvas.pointerProperty().addListener((obs, old, p) -> refresh());
        refresh();
    }

    /** True when a press of the primary button with the active tool removes from the mask. */
    static boolean subtracts(Tool tool) {
        return tool instanceof EraserTool || tool instanceof ShapeTool shape && shape.mode() == ShapeMode.SUBTRACT;
    }

    private void refresh() {
        Cursor wanted = subtracts(tools.active()) ? subtract : add;
        if (canvas.toolCursorProperty().get() != wanted) {
            canvas.toolCursorProperty().set(wanted);
        }
    }

    /** A white crosshair outlined in black (it shows on light and dark photos), with the sign at its lower right. */
    private static WritableImage draw(boolean plus) {
        WritableImage image = new WritableImage(SIZE, SIZE);
        PixelWriter px = image.getPixelWriter();
        for (int pass = 0; pass < 2; pass++) {
            int argb = pass == 0 ? 0xFF000000 : 0xFFFFFFFF;
            int grow = pass == 0 ? 1 : 0;
            // arms of the crosshair, leaving the centre pixel free to see what is under it
            line(px, 4, CENTRE, 12, CENTRE, grow, argb);
            line(px, 18, CENTRE, 26, CENTRE, grow, argb);
            line(px, CENTRE, 4, CENTRE, 12, grow, argb);
            line(px, CENTRE, 18, CENTRE, 26, grow, argb);
            line(px, 20, 25, 30, 25, grow, argb);
            if (plus) {
                line(px, 25, 20, 25, 30, grow, argb);
            }
        }
        return image;
    }

    private static void line(PixelWriter px, int x0, int y0, int x1, int y1, int grow, int argb) {
        for (int y = y0 - grow; y <= y1 + grow; y++) {
            for (int x = x0 - grow; x <= x1 + grow; x++) {
                if (x >= 0 && y >= 0 && x < SIZE && y < SIZE) {
                    px.setArgb(x, y, argb);
                }
            }
        }
    }
}
