package com.maskfill.app.history;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The editor's undo/redo: mask gestures and commands, and any other {@link Edit} (applying or discarding
 * results). An explicit memory cap: when the entries held (undo and redo side) weigh more than the cap, the
 * oldest undo entries are dropped first. The newest entry is always kept,
 * even alone over the cap, so the user can undo what they just did.
 *
 * <p>Edits arrive already applied ({@link #push}); gestures paint live and become one entry at their end.
 */
public final class UndoHistory {

    public static final long DEFAULT_CAP_BYTES = 512L * 1024 * 1024;

    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long capBytes;
    private long bytesHeld;
    private boolean busy;

    public UndoHistory() {
        this(DEFAULT_CAP_BYTES);
    }

    public UndoHistory(long capBytes) {
        setCapBytes(capBytes);
    }

    /** Adds a finished, already applied edit; {@code null} (an empty gesture) adds nothing. Clears redo. */
    public void push(Edit edit) {
        if (edit == null) {
            return;
        }
        guard();
        for (Edit e : redo) {
            bytesHeld -= e.byteSize();
        }
        redo.clear();
        undo.push(edit);
        bytesHeld += edit.byteSize();
        trim();
        fire();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Undoes the newest entry; returns false when there is none. */
    public boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        guard();
        Edit edit = undo.pop();
        run(edit::undo);
        redo.push(edit);
        fire();
        return true;
    }

    /** Redoes the most recently undone entry; returns false when there is none. */
    public boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        guard();
        Edit edit = redo.pop();
        run(edit::redo);
        undo.push(edit);
        fire();
        return true;
    }

    /** Description of what {@link #undo()} would undo, or null. */
    public String undoDescription() {
        return undo.isEmpty() ? null : undo.peek().description();
    }

    public String redoDescription() {
        return redo.isEmpty() ? null : redo.peek().description();
    }

    public int undoCount() {
        return undo.size();
    }

    public int redoCount() {
        return redo.size();
    }

    /** Heap bytes the held entries keep alive (undo and redo side). */
    public long bytesHeld() {
        return bytesHeld;
    }

    public long capBytes() {
        return capBytes;
    }

    public void setCapBytes(long capBytes) {
        if (capBytes < 0) {
            throw new IllegalArgumentException("History memory cap must be ≥ 0 bytes, got " + capBytes);
        }
        this.capBytes = capBytes;
        trim();
    }

    /** Forgets everything, e.g. when another image is opened. */
    public void clear() {
        undo.clear();
        redo.clear();
        bytesHeld = 0;
        fire();
    }

    /** Called after every change of the stacks (on the editing thread), for menus and the memory readout. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void trim() {
        // Redo entries go first: they are the least likely to be used once over budget.
        while (bytesHeld > capBytes && !redo.isEmpty()) {
            bytesHeld -= redo.removeLast().byteSize();
        }
        while (bytesHeld > capBytes && undo.size() > 1) {
            bytesHeld -= undo.removeLast().byteSize();
        }
    }

    private void run(Runnable action) {
        busy = true;
        try {
            action.run();
        } finally {
            busy = false;
        }
    }

    private void guard() {
        if (busy) {
            throw new IllegalStateException("Changing the mask history from inside an undo or redo is forbidden");
        }
    }

    private void fire() {
        for (Runnable l : listeners) {
            l.run();
        }
    }
}
