package com.maskfill.app.tools;

/** Whether a shape tool adds its area to the mask (255) or subtracts it (0). */
public enum ShapeMode {
    ADD, SUBTRACT;

    /** Alt or the right button flips the tool's mode for one gesture. */
    ShapeMode forEvent(ToolEvent e) {
        boolean flip = e.alt() || e.secondary();
        return flip ? (this == ADD ? SUBTRACT : ADD) : this;
    }

    int target() {
        return this == ADD ? 255 : 0;
    }
}
