package com.maskfill.app.ui;

import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.canvas.CompareDivider;
import com.maskfill.app.canvas.ResultLayerView;
import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.project.ResultLayer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * Shows the selected result over the photo; {@link WindowKeys} gives the keyboard to browsing them. While
 * comparing, a divider on the canvas splits the clean photo (left) from the result (right).
 */
final class ResultsOnCanvas {

    private final ResultLayerView view = new ResultLayerView();
    /** The result compared with the shown one, left of the divider in place of the photo. */
    private final ResultLayerView reference = new ResultLayerView(true);
    private ObservableValue<ResultLayer> compared = new SimpleObjectProperty<>();
    private final CanvasView canvas;
    private final ResultHistory results;
    private final CompareDivider divider;
    private final BooleanProperty comparing = new SimpleBooleanProperty(false);
    /** True while Tab is held: the photo alone, as clean as the divider's before side. */
    private final BooleanProperty peeking = new SimpleBooleanProperty(false);

    /**
     * @param overlayHidden set while comparing or holding Tab: the "before" is the clean photo, without the mask's
     *                      tint
     */
    ResultsOnCanvas(CanvasView canvas, ResultHistory results, BooleanProperty overlayHidden) {
        this.canvas = canvas;
        this.results = results;
        this.divider = new CompareDivider(canvas, view.splitProperty());
        canvas.vectorLayers().addAll(reference, view);
        reference.setId("compared-layer");
        reference.splitProperty().bind(view.splitProperty());
        canvas.viewControls().getChildren().add(divider);
        view.setId("result-layer");
        results.selectedProperty().addListener((obs, old, layer) -> show(layer));
        canvas.transformProperty().addListener((obs, old, t) -> {
            view.setCrisp(canvas.isCrisp());
            reference.setCrisp(canvas.isCrisp());
        });
        comparing.addListener((obs, old, on) -> compare(on));
        overlayHidden.bind(comparing.or(peeking));
    }

    /**
     * The result to show left of the divider instead of the photo while comparing (the variation board's
     * Ctrl+click); null there compares with the photo.
     */
    void compareAgainst(ObservableValue<ResultLayer> other) {
        this.compared = other;
        other.addListener((obs, old, layer) -> showReference());
        showReference();
    }

    private void showReference() {
        ResultLayer layer = compared.getValue();
        if (layer == null || !comparing.get() || peeking.get()) {
            reference.show(null, null, 0);
        } else {
            reference.show(layer.pixels(), layer.region(), canvas.imageWidth());
            reference.setCrisp(canvas.isCrisp());
        }
    }

    /** On while the before/after divider is on the canvas; off shows the whole result. */
    BooleanProperty comparingProperty() {
        return comparing;
    }

    private void compare(boolean on) {
        ResultLayer layer = results.getSelected();
        if (on && layer == null) {
            comparing.set(false);
            return;
        }
        if (on) {
            centreSplitOn(layer);
        } else {
            view.splitProperty().set(0);
        }
        divider.setVisible(on);
        showReference();
    }

    /** The divider starts in the middle of the result, so both sides of the comparison show some of it. */
    private void centreSplitOn(ResultLayer layer) {
        if (canvas.imageWidth() > 0) {
            view.splitProperty().set((layer.region().x() + layer.region().width() / 2.0) / canvas.imageWidth());
        }
        divider.setRegion(layer.region());
    }

    /**
     * Hides the shown result while Tab is held ({@link WindowKeys}), so the clean photo can be judged alone —
     * without the mask overlay either; shows it again after.
     */
    void showPhotoOnly(boolean photoOnly) {
        peeking.set(photoOnly);
        view.setVisible(!photoOnly && results.getSelected() != null);
        showReference();
    }

    private void show(ResultLayer layer) {
        if (layer == null) {
            comparing.set(false);
            view.show(null, null, 0);
        } else {
            view.show(layer.pixels(), layer.region(), canvas.imageWidth());
            view.setCrisp(canvas.isCrisp());
            if (comparing.get()) {
                // variations of one job share their area: the divider stays where the user left it
                double splitX = view.splitProperty().get() * canvas.imageWidth();
                if (splitX <= layer.region().x() || splitX >= layer.region().x() + layer.region().width()) {
                    centreSplitOn(layer);
                } else {
                    divider.setRegion(layer.region());
                }
            }
        }
    }
}
