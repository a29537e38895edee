package com.maskfill.app.ui;

import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.history.Edit;
import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.mask.Mask;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Extend Canvas as one undo entry: swaps the photo and its mask between before and after, and moves the results
 * that are there at that moment (also those that arrived while the canvas was extended). The very mask objects are
 * kept, because the mask edits below and above this entry in the history refer to them.
 *
 * <p>Results that lie partly in the added area cannot stay on the smaller photo: undo sets them aside (they are
 * saved, see {@code setAside}) and redo brings them back.
 */
final class ExtendCanvasEdit implements Edit {

    /** The photo and the mask of one side of the edit. */
    record Canvas(DocumentImage photo, Mask mask) {
    }

    private final Canvas before;
    private final Canvas after;
    private final Consumer<Canvas> show;
    private final ResultHistory results;
    private final Consumer<List<ResultGroup>> setAside;
    private final List<ResultGroup> stranded = new ArrayList<>();

    /**
     * @param after the same work grown ({@link DocumentImage#grown}): how far results move follows from the two
     * @param setAside told, on undo, the results that do not fit the smaller photo (in the extended canvas's
     *     coordinates), so they are kept somewhere
     */
    ExtendCanvasEdit(Canvas before, Canvas after, Consumer<Canvas> show, ResultHistory results,
            Consumer<List<ResultGroup>> setAside) {
        this.before = before;
        this.after = after;
        this.show = show;
        this.results = results;
        this.setAside = setAside;
    }

    private int left() {
        return after.photo().left() - before.photo().left();
    }

    private int top() {
        return after.photo().top() - before.photo().top();
    }

    @Override
    public void undo() {
        List<ResultGroup> fitting = new ArrayList<>();
        for (ResultGroup group : results.groups()) {
            ResultGroup moved = group.shifted(-left(), -top());
            if (moved.fitsWithin(before.photo().width(), before.photo().height())) {
                fitting.add(moved);
            } else {
                stranded.add(group);
            }
        }
        show.accept(before);
        moveResults(fitting, -left(), -top());
        if (!stranded.isEmpty()) {
            setAside.accept(List.copyOf(stranded));
        }
    }

    @Override
    public void redo() {
        List<ResultGroup> grown = new ArrayList<>();
        results.groups().forEach(g -> grown.add(g.shifted(left(), top())));
        grown.addAll(stranded);
        stranded.clear();
        show.accept(after);
        moveResults(grown, left(), top());
    }

    /** Puts {@code moved} in place of the results, keeping the layer shown when it moved along. */
    private void moveResults(List<ResultGroup> moved, int dx, int dy) {
        ResultLayer shown = results.getSelected();
        results.reset(moved);
        if (shown != null && results.layers().contains(shown.shifted(dx, dy))) {
            results.select(shown.shifted(dx, dy));
        }
    }

    @Override
    public String description() {
        return "Extend canvas";
    }

    /** The photo not on screen (the larger, at worst) and both masks are what this entry alone keeps alive. */
    @Override
    public long byteSize() {
        return 4L * after.photo().width() * after.photo().height()
                + (long) before.mask().width() * before.mask().height()
                + (long) after.mask().width() * after.mask().height();
    }
}
