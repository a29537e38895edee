package com.maskfill.app.history;

/**
 * One entry of the undo history: a finished gesture or command, already applied. Small contract on purpose
 * (undo, redo, what it is, what it costs).
 */
public interface Edit {

    /** Puts things back as they were before this edit. */
    void undo();

    /** Re-applies this edit after {@link #undo()}, exactly. */
    void redo();

    /** Shown in menus: "Undo Brush stroke". */
    String description();

    /** Approximate heap bytes this entry keeps alive; what the history's memory cap counts. */
    long byteSize();
}
