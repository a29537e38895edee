package com.maskfill.app.tools;

import com.maskfill.app.mask.MaskDocument;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The set of mask tools of one editor window and which one is active. The canvas forwards pointer
 * events to {@link #active()}; the keyboard shortcuts map onto the methods here.
 */
public final class ToolBox {

    private final BrushTool brush;
    private final EraserTool eraser;
    private final RectangleTool rectangle;
    private final LassoTool lasso;
    private final LassoTool polygonLasso;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Tool active;

    public ToolBox(Supplier<MaskDocument> document) {
        brush = new BrushTool(document, BrushSettings.defaults());
        eraser = new EraserTool(document, BrushSettings.defaults());
        rectangle = new RectangleTool(document);
        lasso = new LassoTool(document, LassoTool.Style.FREEHAND);
        polygonLasso = new LassoTool(document, LassoTool.Style.POLYGON);
        active = brush;
    }

    public BrushTool brush() {
        return brush;
    }

    public EraserTool eraser() {
        return eraser;
    }

    public RectangleTool rectangle() {
        return rectangle;
    }

    public LassoTool lasso() {
        return lasso;
    }

    public LassoTool polygonLasso() {
        return polygonLasso;
    }

    public List<Tool> all() {
        return List.of(brush, eraser, rectangle, lasso, polygonLasso);
    }

    public Tool active() {
        return active;
    }

    /** Makes {@code tool} active, abandoning any gesture under way in the previous one. */
    public void select(Tool tool) {
        Objects.requireNonNull(tool, "tool");
        if (tool == active) {
            return;
        }
        active.cancel();
        active = tool;
        for (Runnable l : listeners) {
            l.run();
        }
    }

    /** X: brush ↔ eraser (from any other tool: the brush). */
    public void swapBrushEraser() {
        select(active == brush ? eraser : brush);
    }

    /** The settings [ ] and Shift+[ ] act on: the active paint tool's, else the brush's. */
    public BrushSettings activeBrushSettings() {
        return active instanceof PaintTool paint ? paint.settings() : brush.settings();
    }

    /** Called after the active tool changed. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }
}
