package com.maskfill.app.canvas;

import com.maskfill.engine.api.pipeline.Region;
import javafx.beans.property.DoubleProperty;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;

/**
 * The before/after divider drawn on the canvas: a vertical line across the photo at the split, with a round
 * handle level with the compared result. Dragging the line or the handle moves the split; the pointer turns into
 * a left-right arrow over them. Lives in the canvas's {@link CanvasView#viewControls() view controls}, so its
 * presses never reach the mask tools.
 */
public final class CompareDivider extends Group {

    /** Half the width of the band around the line that can be grabbed: a 1 px line alone is hard to hit. */
    private static final double GRAB = 6;
    private static final double HANDLE_RADIUS = 13;

    private final CanvasView canvas;
    private final DoubleProperty split;
    private final Rectangle grabBand = new Rectangle();
    private final Line shadow = new Line();
    private final Line line = new Line();
    private final Group handle = new Group();
    private Region region;

    /** @param split where the comparison splits, as a fraction of the photo's width (the photo left of it) */
    public CompareDivider(CanvasView canvas, DoubleProperty split) {
        this.canvas = canvas;
        this.split = split;
        setId("compare-divider");
        grabBand.setFill(Color.TRANSPARENT);
        shadow.setStroke(Color.rgb(0, 0, 0, 0.6));
        shadow.setStrokeWidth(3);
        line.setStroke(Color.WHITE);
        line.setStrokeWidth(1);
        shadow.setMouseTransparent(true);
        line.setMouseTransparent(true);
        Circle knob = new Circle(HANDLE_RADIUS, Color.rgb(255, 255, 255, 0.92));
        knob.setStroke(Color.rgb(0, 0, 0, 0.6));
        knob.setStrokeWidth(1.5);
        // two small arrows, pointing the ways it moves
        Polygon leftArrow = new Polygon(-3, -5, -3, 5, -9, 0);
        Polygon rightArrow = new Polygon(3, -5, 3, 5, 9, 0);
        leftArrow.setFill(Color.rgb(40, 40, 40));
        rightArrow.setFill(Color.rgb(40, 40, 40));
        handle.getChildren().addAll(knob, leftArrow, rightArrow);
        handle.setId("compare-handle");
        getChildren().addAll(grabBand, shadow, line, handle);
        setCursor(Cursor.H_RESIZE);
        setManaged(false);
        setVisible(false);

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::drag);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        addEventHandler(MouseEvent.MOUSE_RELEASED, MouseEvent::consume);
        addEventHandler(MouseEvent.MOUSE_CLICKED, MouseEvent::consume);

        canvas.transformProperty().addListener((obs, old, t) -> place());
        canvas.widthProperty().addListener((obs, old, w) -> place());
        canvas.heightProperty().addListener((obs, old, h) -> place());
        split.addListener((obs, old, s) -> place());
        visibleProperty().addListener((obs, old, on) -> place());
    }

    /** The compared result's area in image pixels: the handle sits level with its middle. */
    public void setRegion(Region region) {
        this.region = region;
        place();
    }

    /** The split's position in view coordinates (for tests and tooltips). */
    public double viewX() {
        return line.getStartX();
    }

    private void drag(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !canvas.hasImage()) {
            return;
        }
        double local = sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
        double imageX = canvas.getTransform().at(local, 0).imageX();
        split.set(Math.max(0, Math.min(1, imageX / canvas.imageWidth())));
        e.consume();
    }

    private void place() {
        if (!isVisible() || !canvas.hasImage()) {
            return;
        }
        ViewTransform t = canvas.getTransform();
        double x = t.toViewX(split.get() * canvas.imageWidth());
        double top = Math.max(0, t.toViewY(0));
        double bottom = Math.min(canvas.getHeight(), t.toViewY(canvas.imageHeight()));
        for (Line l : new Line[] {shadow, line}) {
            l.setStartX(x);
            l.setEndX(x);
            l.setStartY(top);
            l.setEndY(bottom);
        }
        grabBand.setX(x - GRAB);
        grabBand.setY(top);
        grabBand.setWidth(2 * GRAB);
        grabBand.setHeight(Math.max(0, bottom - top));
        double middle = region == null ? (top + bottom) / 2
                : t.toViewY(region.y() + region.height() / 2.0);
        double margin = HANDLE_RADIUS + 2;
        handle.setLayoutX(x);
        handle.setLayoutY(Math.max(top + margin, Math.min(bottom - margin, middle)));
    }
}
