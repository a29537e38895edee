package com.maskfill.app.ui;

import com.maskfill.app.history.Edit;
import com.maskfill.app.mask.Mask;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Extend Canvas as one undo entry: swaps the whole canvas (photo, mask, results) between before and after. The very
 * mask objects are kept, because the mask edits below and above this entry in the history refer to them.
 */
final class ExtendCanvasEdit implements Edit {

    /** Everything that changes size with the canvas. */
    record Canvas(DocumentImage photo, Mask mask, List<ResultGroup> groups, ResultLayer shown) {
    }

    private final Canvas before;
    private final Canvas after;
    private final Consumer<Canvas> show;

    ExtendCanvasEdit(Canvas before, Canvas after, Consumer<Canvas> show) {
        this.before = before;
        this.after = after;
        this.show = show;
    }

    @Override
    public void undo() {
        show.accept(before);
    }

    @Override
    public void redo() {
        show.accept(after);
    }

    @Override
    public String description() {
        return "Extend canvas";
    }

    /** The photo and mask not on screen are what this entry alone keeps alive. */
    @Override
    public long byteSize() {
        return 4L * before.photo().width() * before.photo().height()
                + (long) before.mask().width() * before.mask().height()
                + (long) after.mask().width() * after.mask().height();
    }
}
