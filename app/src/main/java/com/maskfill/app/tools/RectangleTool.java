package com.maskfill.app.tools;

import com.maskfill.app.mask.MaskDocument;
import java.awt.geom.Rectangle2D;
import java.util.Optional;
import java.util.function.Supplier;

/** Drag a rectangle; on release it is added to (or, with Alt / right button, subtracted from) the mask. */
public final class RectangleTool extends ShapeTool {

    private boolean active;
    private ShapeMode gestureMode;
    private double x0;
    private double y0;
    private double x1;
    private double y1;

    public RectangleTool(Supplier<MaskDocument> document) {
        super(document);
    }

    @Override
    public String name() {
        return "Rectangle";
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void pressed(ToolEvent e) {
        active = true;
        gestureMode = mode().forEvent(e);
        x0 = x1 = e.x();
        y0 = y1 = e.y();
    }

    @Override
    public void dragged(ToolEvent e) {
        x1 = e.x();
        y1 = e.y();
    }

    @Override
    public void released(ToolEvent e) {
        if (!active) {
            return;
        }
        x1 = e.x();
        y1 = e.y();
        active = false;
        Rectangle2D r = rect();
        if (r.getWidth() > 0 && r.getHeight() > 0) {
            apply(r, gestureMode);
        }
    }

    @Override
    public void cancel() {
        active = false;
    }

    @Override
    public Optional<ToolPreview> preview() {
        if (!active) {
            return Optional.empty();
        }
        Rectangle2D r = rect();
        return Optional.of(new ToolPreview(
                new double[] {r.getMinX(), r.getMaxX(), r.getMaxX(), r.getMinX()},
                new double[] {r.getMinY(), r.getMinY(), r.getMaxY(), r.getMaxY()}, true));
    }

    private Rectangle2D rect() {
        return new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    }
}
