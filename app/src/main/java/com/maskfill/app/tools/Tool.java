package com.maskfill.app.tools;

import java.util.Optional;

/**
 * A mask tool driven by pointer events in image coordinates. A gesture runs from {@link #pressed} to
 * {@link #released} and becomes at most one history entry, added when it ends (nothing when it
 * changed nothing). The canvas calls these on the FX thread.
 */
public interface Tool {

    /** Shown in the tool bar and in history entries. */
    String name();

    void pressed(ToolEvent e);

    void dragged(ToolEvent e);

    void released(ToolEvent e);

    /** Esc: abandons the gesture under way and restores what it changed. */
    default void cancel() {
    }

    /** Enter: completes a multi-click gesture (polygon lasso). */
    default void commit() {
    }

    /** True between press and the end of the gesture. */
    boolean isActive();

    /** What the canvas should outline right now, if anything. */
    default Optional<ToolPreview> preview() {
        return Optional.empty();
    }
}
