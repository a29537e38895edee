package com.maskfill.app.tools;

import com.maskfill.app.mask.MaskDocument;
import com.maskfill.app.mask.MaskListener;

/**
 * After a result is applied the designer judges the new pixels, so the mask overlay steps aside: it is hidden
 * (as with M) until the mask changes — the next stroke, an undo of one, a loaded mask — or M brings it back.
 * The mask itself is kept: running the same area again with another prompt needs it, and clearing it would be
 * one more thing for undo to take back.
 */
public final class OverlayAfterApply {

    private final CanvasMaskTools maskTools;
    /** True while the overlay is hidden by an apply, not by the user. */
    private boolean hiddenByApply;
    private final MaskListener maskChanged = dirty -> showAgain();

    public OverlayAfterApply(CanvasMaskTools maskTools) {
        this.maskTools = maskTools;
        maskTools.overlayVisibleProperty().addListener((obs, old, visible) -> {
            if (visible) {
                hiddenByApply = false; // M, the menu, or our own showAgain
            }
        });
        maskTools.documentProperty().addListener((obs, old, doc) -> {
            if (old != null) {
                old.mask().removeListener(maskChanged);
            }
            if (doc != null) {
                doc.mask().addListener(maskChanged);
            }
            showAgain(); // another photo, or the canvas grew: a new mask to see
        });
        MaskDocument doc = maskTools.document();
        if (doc != null) {
            doc.mask().addListener(maskChanged);
        }
    }

    /** A result was applied into the photo (or an apply was undone or redone): hide the overlay if it shows. */
    public void resultApplied() {
        if (maskTools.overlayVisibleProperty().get()) {
            maskTools.overlayVisibleProperty().set(false);
            hiddenByApply = true;
        }
    }

    private void showAgain() {
        if (hiddenByApply) {
            maskTools.overlayVisibleProperty().set(true);
        }
    }
}
