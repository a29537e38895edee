package com.maskfill.app.tools;

import com.maskfill.app.history.UndoHistory;
import com.maskfill.app.mask.MaskDocument;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/**
 * How many steps can be undone, for the status bar: in words a designer uses, with the memory the history holds
 * (and its cap, beyond which the oldest steps go) in the tooltip rather than on screen.
 */
public final class UndoReadout extends Label {

    private final CanvasMaskTools maskTools;
    private final Tooltip memory = new Tooltip();

    public UndoReadout(CanvasMaskTools maskTools) {
        this.maskTools = maskTools;
        setId("mask-history");
        Runnable historyChanged = this::refresh;
        maskTools.documentProperty().addListener((obs, old, doc) -> {
            if (old != null) {
                old.history().removeListener(historyChanged);
            }
            if (doc != null) {
                doc.history().addListener(historyChanged);
            }
            refresh();
        });
        if (maskTools.document() != null) {
            maskTools.document().history().addListener(historyChanged);
        }
        refresh();
    }

    /** "Nothing to undo", "1 step to undo", "12 steps to undo". */
    static String stepsText(int steps) {
        return steps == 0 ? "Nothing to undo" : steps + (steps == 1 ? " step" : " steps") + " to undo";
    }

    private void refresh() {
        MaskDocument doc = maskTools.document();
        if (doc == null) {
            setText("");
            setTooltip(null);
            return;
        }
        UndoHistory h = doc.history();
        setText(stepsText(h.undoCount()));
        memory.setText(String.format(Locale.ROOT, "Undo keeps %.1f MB of at most %d MB; beyond that the oldest "
                + "steps are forgotten.", h.bytesHeld() / 1048576.0, h.capBytes() / 1048576));
        setTooltip(memory);
    }
}
