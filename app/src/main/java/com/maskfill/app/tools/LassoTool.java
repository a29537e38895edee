package com.maskfill.app.tools;

import com.maskfill.app.mask.MaskDocument;
import java.awt.geom.Path2D;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lasso in two styles. {@link Style#FREEHAND}: press, drag the outline, release to close it.
 * {@link Style#POLYGON}: each click adds a corner; a double click, Enter ({@link #commit()}) or a click
 * on the first corner closes it; Esc abandons it. The closed outline is added to the mask (subtracted
 * with Alt or the right button on the first press).
 */
public final class LassoTool extends ShapeTool {

    public enum Style { FREEHAND, POLYGON }

    /** A click this close (image px) to the first corner closes a polygon. */
    public static final double CLOSE_DISTANCE = 4;

    private Style style;
    private ShapeMode gestureMode;
    private double[] xs = new double[16];
    private double[] ys = new double[16];
    private int n;
    private boolean active;

    public LassoTool(Supplier<MaskDocument> document, Style style) {
        super(document);
        this.style = style;
    }

    public Style style() {
        return style;
    }

    public void setStyle(Style style) {
        cancel();
        this.style = style;
    }

    @Override
    public String name() {
        return style == Style.FREEHAND ? "Lasso" : "Polygon lasso";
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void pressed(ToolEvent e) {
        if (!active) {
            active = true;
            gestureMode = mode().forEvent(e);
            n = 0;
            add(e.x(), e.y());
            return;
        }
        if (style == Style.POLYGON) {
            boolean nearFirst = n >= 3 && Math.hypot(e.x() - xs[0], e.y() - ys[0]) <= CLOSE_DISTANCE;
            if (e.clickCount() >= 2 || nearFirst) {
                if (!nearFirst && (xs[n - 1] != e.x() || ys[n - 1] != e.y())) {
                    add(e.x(), e.y());
                }
                commit();
            } else {
                add(e.x(), e.y());
            }
        }
    }

    @Override
    public void dragged(ToolEvent e) {
        if (active && style == Style.FREEHAND) {
            add(e.x(), e.y());
        }
    }

    @Override
    public void released(ToolEvent e) {
        if (active && style == Style.FREEHAND) {
            add(e.x(), e.y());
            commit();
        }
    }

    @Override
    public void commit() {
        if (!active) {
            return;
        }
        active = false;
        if (n < 3) {
            return;
        }
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, n);
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            path.lineTo(xs[i], ys[i]);
        }
        path.closePath();
        apply(path, gestureMode);
    }

    @Override
    public void cancel() {
        active = false;
        n = 0;
    }

    @Override
    public Optional<ToolPreview> preview() {
        if (!active) {
            return Optional.empty();
        }
        return Optional.of(new ToolPreview(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), style == Style.FREEHAND));
    }

    private void add(double x, double y) {
        if (n > 0 && xs[n - 1] == x && ys[n - 1] == y) {
            return;
        }
        if (n == xs.length) {
            xs = Arrays.copyOf(xs, n * 2);
            ys = Arrays.copyOf(ys, n * 2);
        }
        xs[n] = x;
        ys[n] = y;
        n++;
    }
}
