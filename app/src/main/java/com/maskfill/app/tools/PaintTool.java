package com.maskfill.app.tools;

import com.maskfill.app.mask.BrushTip;
import com.maskfill.app.mask.MaskDocument;
import com.maskfill.app.mask.MaskStroke;
import java.util.function.Supplier;

/**
 * What brush and eraser share: a stroke of spaced dabs from press to release, one history entry per
 * stroke; Shift+press draws a straight line from where the previous stroke ended; a right-button drag
 * erases (with this tool's size and hardness).
 */
public abstract class PaintTool implements Tool {

    private final Supplier<MaskDocument> document;
    private final BrushSettings settings;
    private final DabSpacer spacer = new DabSpacer();
    private MaskStroke stroke;
    private BrushTip tip;
    private String description;
    private boolean hasLastPoint;
    private double lastX;
    private double lastY;

    protected PaintTool(Supplier<MaskDocument> document, BrushSettings settings) {
        this.document = document;
        this.settings = settings;
    }

    public BrushSettings settings() {
        return settings;
    }

    /** The value this tool moves pixels towards with the primary button: 255 paints, 0 erases. */
    protected abstract int target();

    /** History entry text. */
    protected abstract String strokeDescription();

    @Override
    public boolean isActive() {
        return stroke != null;
    }

    @Override
    public void pressed(ToolEvent e) {
        if (stroke != null) {
            return;
        }
        int value = e.secondary() ? 0 : target();
        description = e.secondary() ? "Erase stroke" : strokeDescription();
        stroke = new MaskStroke(document.get().mask(), value, settings.opacity());
        tip = settings.tip();
        if (e.shift() && hasLastPoint) {
            spacer.start(lastX, lastY, this::dab);
            spacer.moveTo(e.x(), e.y(), settings.spacingPx(), this::dab);
        } else {
            spacer.start(e.x(), e.y(), this::dab);
        }
        stroke.flush();
    }

    @Override
    public void dragged(ToolEvent e) {
        if (stroke == null) {
            return;
        }
        spacer.moveTo(e.x(), e.y(), settings.spacingPx(), this::dab);
        stroke.flush();
    }

    @Override
    public void released(ToolEvent e) {
        if (stroke == null) {
            return;
        }
        spacer.moveTo(e.x(), e.y(), settings.spacingPx(), this::dab);
        document.get().history().push(stroke.finish(description));
        stroke = null;
        hasLastPoint = true;
        lastX = e.x();
        lastY = e.y();
    }

    @Override
    public void cancel() {
        if (stroke != null) {
            stroke.cancel();
            stroke = null;
        }
    }

    /** Forgets the Shift+click anchor, e.g. when another image is opened. */
    public void forgetLastPoint() {
        hasLastPoint = false;
    }

    private void dab(double x, double y) {
        stroke.dab(x, y, tip);
    }
}
