package com.maskfill.app.ui;

import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.canvas.ResultLayerView;
import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.project.ResultLayer;
import javafx.beans.property.DoubleProperty;

/** Shows the selected result over the photo; {@link WindowKeys} gives the keyboard to browsing them. */
final class ResultsOnCanvas {

    private final ResultLayerView view = new ResultLayerView();
    private final CanvasView canvas;
    private final ResultHistory results;

    ResultsOnCanvas(CanvasView canvas, ResultHistory results) {
        this.canvas = canvas;
        this.results = results;
        canvas.vectorLayers().add(view);
        view.setId("result-layer");
        results.selectedProperty().addListener((obs, old, layer) -> show(layer));
        canvas.transformProperty().addListener((obs, old, t) -> view.setCrisp(canvas.isCrisp()));
    }

    /** Where before/after splits, 0–1 of the photo's width. */
    DoubleProperty splitProperty() {
        return view.splitProperty();
    }

    /** Hides the shown result while Tab is held, so the photo can be judged alone; shows it again after. */
    void showPhotoOnly(boolean photoOnly) {
        view.setVisible(!photoOnly);
    }

    private void show(ResultLayer layer) {
        if (layer == null) {
            view.show(null, null, 0);
        } else {
            view.show(layer.pixels(), layer.region(), canvas.imageWidth());
            view.setCrisp(canvas.isCrisp());
        }
    }
}
