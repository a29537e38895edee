package com.maskfill.app.ui;

import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.outpaint.CanvasExtension;
import com.maskfill.app.outpaint.Outpainting;
import com.maskfill.app.project.ResultGroup;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Grows the photo for outpainting, keeping the mask and the results where they were on it. */
public final class OutpaintViewModel {

    private final EditorViewModel editor;
    private final ResultHistory results;
    private final Supplier<byte[]> mask;
    private final Consumer<byte[]> restoreMask;
    private final Runnable changed;

    /** @param changed told after the photo grew (the work now differs from its file) */
    public OutpaintViewModel(EditorViewModel editor, ResultHistory results, Supplier<byte[]> mask,
                             Consumer<byte[]> restoreMask, Runnable changed) {
        this.editor = editor;
        this.results = results;
        this.mask = mask;
        this.restoreMask = restoreMask;
        this.changed = changed;
    }

    /** Extends the canvas; the new area is masked and pre-filled, ready for Generate. */
    public void extend(CanvasExtension extension) {
        DocumentImage document = editor.getImage();
        if (document == null || extension.isEmpty()) {
            return;
        }
        String refused = extension.whyRefused(document.width(), document.height());
        if (refused != null) {
            editor.error("The canvas cannot be extended: " + refused + ".");
            return;
        }
        List<ResultGroup> moved = results.groups().stream()
                .map(g -> g.shifted(extension.left(), extension.top())).toList();
        int shown = results.layers().indexOf(results.getSelected());
        Outpainting.Extended extended = Outpainting.extend(document.pixels(), mask.get(), extension);
        editor.replacePixels(extended.image());
        restoreMask.accept(extended.mask());
        results.reset(moved);
        if (shown >= 0) {
            results.select(results.layers().get(shown));
        }
        changed.run();
        editor.info("Canvas extended to " + extended.image().getWidth() + " × " + extended.image().getHeight()
                + " px; the new area is masked. Write a prompt and Generate.");
    }
}
