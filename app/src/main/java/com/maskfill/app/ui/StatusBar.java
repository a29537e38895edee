package com.maskfill.app.ui;

import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.canvas.CanvasPoint;
import com.maskfill.app.canvas.CanvasView;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Image size and format, zoom, and the pointer's position in image pixels. */
public final class StatusBar extends HBox {

    public StatusBar(EditorViewModel editor, CanvasView canvas) {
        getStyleClass().add("status-bar");
        setSpacing(18);

        Label size = new Label();
        size.setId("status-size");
        size.textProperty().bind(Bindings.createStringBinding(() -> {
            DocumentImage image = editor.getImage();
            return image == null ? "No image" : image.width() + " × " + image.height() + " px · " + image.format();
        }, editor.imageProperty()));

        Label zoom = new Label();
        zoom.setId("status-zoom");
        zoom.textProperty().bind(Bindings.createStringBinding(
                () -> canvas.hasImage() ? zoomText(canvas.getTransform().scale()) : "",
                canvas.transformProperty(), editor.imageProperty()));

        Label position = new Label();
        position.setId("status-position");
        position.textProperty().bind(Bindings.createStringBinding(() -> {
            CanvasPoint p = canvas.pointerProperty().get();
            return p == null || !p.isInside(canvas.imageWidth(), canvas.imageHeight())
                    ? "" : "x " + p.pixelX() + "  y " + p.pixelY();
        }, canvas.pointerProperty()));

        Label loading = new Label("Opening…");
        loading.visibleProperty().bind(editor.loadingProperty());

        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getChildren().addAll(size, zoom, position, spring, loading);
    }

    /** "25 %", "100 %", "12.5 %", "3200 %". */
    static String zoomText(double scale) {
        double percent = scale * 100;
        if (Math.abs(percent - Math.rint(percent)) < 0.05 || percent >= 100) {
            return String.format(Locale.ROOT, "%d %%", Math.round(percent));
        }
        return String.format(Locale.ROOT, "%.1f %%", percent);
    }
}
