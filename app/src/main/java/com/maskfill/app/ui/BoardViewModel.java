package com.maskfill.app.ui;

import com.maskfill.app.history.Edit;
import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.history.ResultThumbnails;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The variation board's state: every result of the photo by job, a small picture of each (made once in the
 * background, kept per layer while it is on the board), which one is shown and which one it is compared with,
 * and the stars. Showing selects in the {@link ResultHistory}, so ← → and the bar under the canvas follow; stars
 * and "keep favourites" are undoable steps like Apply and Discard.
 */
public final class BoardViewModel {

    private final ResultHistory results;
    private final Supplier<BufferedImage> photo;
    private final Consumer<Edit> history;
    private final BooleanProperty comparing;
    private final BackgroundTasks tasks;
    private final Function<ResultGroup, OptionalLong> jobNumber;
    private final ReadOnlyObjectWrapper<ResultLayer> compared = new ReadOnlyObjectWrapper<>();
    private final Map<UUID, ReadOnlyObjectWrapper<Image>> thumbnails = new HashMap<>();
    private int thumbnailsMade;

    /**
     * @param photo     the photo the results lie on (null when none is open); read on the FX thread only
     * @param history   where stars and "keep favourites" go, for undo
     * @param comparing the canvas's before/after divider; comparing two results turns it on, turning it off ends
     *                  the comparison
     * @param jobNumber the queue's number of the job a group came from, when known
     */
    public BoardViewModel(ResultHistory results, Supplier<BufferedImage> photo, Consumer<Edit> history,
                          BooleanProperty comparing, BackgroundTasks tasks,
                          Function<ResultGroup, OptionalLong> jobNumber) {
        this.results = results;
        this.photo = photo;
        this.history = history;
        this.comparing = comparing;
        this.tasks = tasks;
        this.jobNumber = jobNumber;
        comparing.addListener((obs, old, on) -> {
            if (!on) {
                compared.set(null);
            }
        });
        results.selectedProperty().addListener((obs, old, layer) -> {
            if (layer != null && layer.equals(compared.get())) {
                compared.set(null); // compared with itself: back to the photo on the left
            }
        });
        results.groups().addListener((ListChangeListener<ResultGroup>) c -> forgetGone());
    }

    /** The jobs' results, oldest job first. */
    public ObservableList<ResultGroup> groups() {
        return results.groups();
    }

    /** The result shown on the canvas (right of the divider while comparing). */
    public ReadOnlyObjectProperty<ResultLayer> selectedProperty() {
        return results.selectedProperty();
    }

    /** The result shown left of the divider, in place of the photo; null compares with the photo. */
    public ReadOnlyObjectProperty<ResultLayer> comparedProperty() {
        return compared.getReadOnlyProperty();
    }

    /** "Job #3", or "Job from the project" for results whose job number is not known. */
    public String jobTitle(ResultGroup group) {
        OptionalLong number = jobNumber.apply(group);
        return number.isPresent() ? "Job #" + number.getAsLong() : "Job from the project";
    }

    /**
     * The layer's thumbnail ({@link ResultThumbnails}): null until made in the background, then at most
     * {@value ResultThumbnails#LONGEST_SIDE} px on its longest side. Made once per layer while it is on the board.
     */
    public ReadOnlyObjectProperty<Image> thumbnailOf(ResultLayer layer) {
        ReadOnlyObjectWrapper<Image> thumbnail = thumbnails.get(layer.id());
        if (thumbnail == null) {
            thumbnail = new ReadOnlyObjectWrapper<>();
            thumbnails.put(layer.id(), thumbnail);
            BufferedImage pixels = photo.get();
            if (pixels != null) {
                ResultThumbnails.PhotoSample under = ResultThumbnails.samplePhoto(pixels, layer.region());
                ReadOnlyObjectWrapper<Image> target = thumbnail;
                try {
                    tasks.run(() -> ResultThumbnails.make(layer, under), made -> target.set(toFx(made)),
                            failure -> System.getLogger(BoardViewModel.class.getName()).log(
                                    System.Logger.Level.WARNING, "Cannot make a result's thumbnail", failure));
                    thumbnailsMade++;
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // the editor is closing (a job's results arrived as it did): no picture, and no error either
                    thumbnails.remove(layer.id());
                }
            }
        }
        return thumbnail.getReadOnlyProperty();
    }

    /** How many thumbnails were made so far (each layer's once). */
    public int thumbnailsMade() {
        return thumbnailsMade;
    }

    /** A click on a thumbnail: that result on the canvas. */
    public void show(ResultLayer layer) {
        results.select(layer);
    }

    /**
     * Ctrl+click on a thumbnail: compares it with the shown result on the canvas, it left of the divider and the
     * shown one right of it. With nothing shown, it is simply shown.
     */
    public void compareWithShown(ResultLayer layer) {
        ResultLayer shown = results.getSelected();
        if (shown == null) {
            results.select(layer);
        } else if (!shown.equals(layer)) {
            compared.set(layer);
            comparing.set(true);
        }
    }

    /** The star: a favourite or not, one undoable step. */
    public void toggleFavourite(ResultLayer layer) {
        ResultLayer current = current(layer);
        if (current != null) {
            history.accept(results.setFavourite(current, !current.favourite()));
        }
    }

    /** Whether the job has both starred results and others, so that "keep favourites" would discard some. */
    public boolean canKeepFavourites(ResultGroup group) {
        long starred = group.layers().stream().filter(ResultLayer::favourite).count();
        return starred > 0 && starred < group.layers().size();
    }

    /** "Keep favourites, discard the rest" for one job, one undoable step. */
    public void keepFavourites(ResultGroup group) {
        history.accept(results.keepFavourites(group));
    }

    /** The layer as the history holds it now (its star may have changed since the caller saw it). */
    private ResultLayer current(ResultLayer layer) {
        ResultGroup group = results.groupOf(layer);
        return group == null ? null : group.layers().get(group.layers().indexOf(layer));
    }

    /** Drops the thumbnails of layers no longer on the board and ends a comparison with a discarded result. */
    private void forgetGone() {
        Set<UUID> present = new HashSet<>();
        results.layers().forEach(l -> present.add(l.id()));
        thumbnails.keySet().retainAll(present);
        ResultLayer other = compared.get();
        if (other != null && results.groupOf(other) == null) {
            compared.set(null);
        }
    }

    private static Image toFx(BufferedImage thumbnail) {
        int w = thumbnail.getWidth();
        int h = thumbnail.getHeight();
        int[] argb = thumbnail.getType() == BufferedImage.TYPE_INT_ARGB
                ? ((DataBufferInt) thumbnail.getRaster().getDataBuffer()).getData()
                : thumbnail.getRGB(0, 0, w, h, null, 0, w);
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return image;
    }
}
