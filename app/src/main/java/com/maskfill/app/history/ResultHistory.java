package com.maskfill.app.history;

import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import com.maskfill.engine.api.pipeline.PasteBack;
import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The results of this photo's jobs, grouped by job in history order, with one layer selected for viewing.
 * Applying a layer blends it into the photo (later jobs start from it); discarding removes layers.
 * Both come back as {@link Edit}s for the undo history.
 */
public final class ResultHistory {

    private final ObservableList<ResultGroup> groups = FXCollections.observableArrayList();
    private final ObservableList<ResultGroup> groupsView = FXCollections.unmodifiableObservableList(groups);
    private final ReadOnlyObjectWrapper<ResultLayer> selected = new ReadOnlyObjectWrapper<>();
    private BufferedImage photo;
    private Consumer<Region> photoChanged = region -> { };

    /** The photo that applying writes into, and who to tell which part changed. */
    public void attach(BufferedImage photo, Consumer<Region> photoChanged) {
        this.photo = photo;
        this.photoChanged = photoChanged;
    }

    public ObservableList<ResultGroup> groups() {
        return groupsView;
    }

    /** The layer shown over the photo; null shows the photo alone. */
    public ReadOnlyObjectProperty<ResultLayer> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ResultLayer getSelected() {
        return selected.get();
    }

    public void select(ResultLayer layer) {
        selected.set(layer);
    }

    /** Every layer, oldest group first: the order ← and → browse in. */
    public List<ResultLayer> layers() {
        List<ResultLayer> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.layers()));
        return all;
    }

    public ResultGroup groupOf(ResultLayer layer) {
        return groups.stream().filter(g -> g.layers().contains(layer)).findFirst().orElse(null);
    }

    /** A finished job's outputs; its first layer is shown. */
    public void add(ResultGroup group) {
        groups.add(group);
        if (!group.layers().isEmpty()) {
            selected.set(group.layers().get(0));
        }
    }

    /** Replaces everything (opening a project). */
    public void reset(List<ResultGroup> restored) {
        groups.setAll(restored);
        selected.set(null);
    }

    public void selectNext() {
        step(1);
    }

    public void selectPrevious() {
        step(-1);
    }

    private void step(int delta) {
        List<ResultLayer> all = layers();
        if (all.isEmpty()) {
            return;
        }
        int index = all.indexOf(selected.get());
        int next = index < 0 ? (delta > 0 ? 0 : all.size() - 1) : Math.floorMod(index + delta, all.size());
        selected.set(all.get(next));
    }

    // --- edits ---

    /**
     * Blends the layer into the photo as it is now, by the layer's weights: only what the result changed (its
     * mask and feather) is written, so results applied since its job started stay. Null when there is nothing
     * to apply.
     */
    public Edit apply(ResultLayer layer) {
        if (layer == null || photo == null) {
            return null;
        }
        Region r = layer.region();
        int[] before = photo.getRGB(r.x(), r.y(), r.width(), r.height(), null, 0, r.width());
        int[] after = PasteBack.blended(before, layer.pixels());
        Edit edit = new Edit() {
            @Override
            public void undo() {
                write(r, before);
                selected.set(layer);
            }

            @Override
            public void redo() {
                write(r, after);
                selected.set(null);
            }

            @Override
            public String description() {
                return "Apply result";
            }

            @Override
            public long byteSize() {
                return 8L * before.length;
            }
        };
        edit.redo();
        return edit;
    }

    /** Removes one layer (and its group when it was the last); null when there is nothing to discard. */
    public Edit discard(ResultLayer layer) {
        ResultGroup group = layer == null ? null : groupOf(layer);
        if (group == null) {
            return null;
        }
        return replaceGroup(group, group.without(layer), "Discard result", layer);
    }

    /** Removes a whole job's layers. */
    public Edit discardGroup(ResultGroup group) {
        if (group == null || !groups.contains(group)) {
            return null;
        }
        return replaceGroup(group, null, "Discard job results", group.layers().isEmpty() ? null
                : group.layers().get(0));
    }

    /**
     * Stars or unstars a layer (a favourite on the variation board), as one undoable step; null when it already
     * is as asked or is not in the history.
     */
    public Edit setFavourite(ResultLayer layer, boolean starred) {
        ResultGroup before = layer == null ? null : groupOf(layer);
        if (before == null) {
            return null;
        }
        ResultLayer current = before.layers().get(before.layers().indexOf(layer));
        if (current.favourite() == starred) {
            return null;
        }
        ResultGroup after = before.with(current.withFavourite(starred));
        int index = groups.indexOf(before);
        Edit edit = new Edit() {
            @Override
            public void undo() {
                swap(index, before);
            }

            @Override
            public void redo() {
                swap(index, after);
            }

            @Override
            public String description() {
                return starred ? "Star result" : "Unstar result";
            }

            @Override
            public long byteSize() {
                return 64; // the layers' pixels are shared with the group in the history
            }
        };
        edit.redo();
        return edit;
    }

    /**
     * "Keep favourites, discard the rest": removes the job's layers that are not starred, as one undoable step.
     * Null when that would remove nothing or everything (with no star, Discard job says what it does).
     */
    public Edit keepFavourites(ResultGroup group) {
        if (group == null || !groups.contains(group)) {
            return null;
        }
        ResultGroup kept = group.favouritesOnly();
        if (kept.layers().isEmpty() || kept.layers().size() == group.layers().size()) {
            return null;
        }
        ResultLayer shown = selected.get();
        return replaceGroup(group, kept, "Keep favourites", group.layers().contains(shown) ? shown
                : group.layers().get(0));
    }

    /** Puts {@code group} at {@code index} in place of the equal one there, keeping the shown layer shown. */
    private void swap(int index, ResultGroup group) {
        groups.set(index, group);
        ResultLayer shown = selected.get();
        if (shown != null) {
            // an equal layer: the same pixels, its star as the group has it now
            group.layers().stream().filter(shown::equals).findFirst().ifPresent(selected::set);
        }
    }

    private Edit replaceGroup(ResultGroup old, ResultGroup replacement, String description, ResultLayer shownOnUndo) {
        int index = groups.indexOf(old);
        Edit edit = new Edit() {
            @Override
            public void undo() {
                if (replacement == null || replacement.layers().isEmpty()) {
                    groups.add(index, old);
                } else {
                    groups.set(index, old);
                }
                selected.set(shownOnUndo);
            }

            @Override
            public void redo() {
                int position = Math.max(0, layers().indexOf(selected.get()));
                if (replacement == null || replacement.layers().isEmpty()) {
                    groups.remove(index);
                } else {
                    groups.set(index, replacement);
                }
                if (selected.get() == null || groupOf(selected.get()) == null) {
                    List<ResultLayer> left = layers();
                    selected.set(left.isEmpty() ? null : left.get(Math.min(position, left.size() - 1)));
                }
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public long byteSize() {
                // The layers stay alive only through this entry while discarded.
                return old.layers().stream().mapToLong(l -> 4L * l.region().width() * l.region().height()).sum();
            }
        };
        edit.redo();
        return edit;
    }

    private void write(Region r, int[] pixels) {
        photo.setRGB(r.x(), r.y(), r.width(), r.height(), pixels, 0, r.width());
        photoChanged.accept(r);
    }
}
