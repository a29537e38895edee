package com.maskfill.app.mask;

/**
 * One entry of the {@link MaskHistory}: a finished gesture or command, already applied to its mask.
 * Small contract on purpose (undo, redo, what it is, what it costs).
 */
public interface MaskEdit {

    /** Puts the mask back to the bytes it had before this edit, and tells the mask's listeners. */
    void undo();

    /** Re-applies this edit after {@link #undo()}, restoring the exact bytes it produced. */
    void redo();

    /** Shown in menus: "Undo Brush stroke". */
    String description();

    /** Approximate heap bytes this entry keeps alive; what the history's memory cap counts. */
    long byteSize();
}
