package com.maskfill.app.tools;

/**
 * A pointer event as tools see it: position in image pixels (the canvas converts from view space
 * once), which button, and the modifiers tools care about.
 *
 * @param secondary the right (secondary) button is the one pressed or dragging
 * @param shift     Shift held: straight line from the last point (paint tools)
 * @param alt       Alt held: subtract instead of add (shape tools)
 * @param clickCount 2 for a double click (closes a polygon lasso)
 */
public record ToolEvent(double x, double y, boolean secondary, boolean shift, boolean alt, int clickCount) {

    /** A plain primary-button event at (x, y). */
    public static ToolEvent at(double x, double y) {
        return new ToolEvent(x, y, false, false, false, 1);
    }

    public ToolEvent withShift() {
        return new ToolEvent(x, y, secondary, true, alt, clickCount);
    }

    public ToolEvent withAlt() {
        return new ToolEvent(x, y, secondary, shift, true, clickCount);
    }

    public ToolEvent withSecondary() {
        return new ToolEvent(x, y, true, shift, alt, clickCount);
    }

    public ToolEvent withClickCount(int count) {
        return new ToolEvent(x, y, secondary, shift, alt, count);
    }
}
