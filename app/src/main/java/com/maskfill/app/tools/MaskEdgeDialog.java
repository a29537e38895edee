package com.maskfill.app.tools;

import com.maskfill.app.mask.MaskEdge;
import java.util.function.IntConsumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Asks for the radius of Grow, Shrink or Feather with a slider and a field, and has the overlay preview the
 * would-be mask as the value changes (shortly after it stops changing, so dragging the slider over a large mask
 * stays smooth). OK answers the radius; Cancel or Esc answers nothing.
 */
final class MaskEdgeDialog extends Dialog<Integer> {

    /** The slider's end; the field takes larger radii. */
    static final int SLIDER_MAX = 200;
    static final int FIELD_MAX = 4000;
    /** How long the value rests before the preview follows it. */
    static final Duration PREVIEW_DELAY = Duration.millis(40);

    private final Spinner<Integer> radius;

    /** @param preview shows the would-be mask for a radius on the overlay */
    MaskEdgeDialog(Window owner, MaskEdge edge, IntConsumer preview) {
        initOwner(owner);
        setTitle(edge.title());
        setHeaderText(null);
        radius = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, FIELD_MAX,
                edge.defaultRadius()));
        radius.setId("mask-edge-radius");
        radius.setEditable(true);
        radius.setPrefWidth(96);
        Slider slider = new Slider(0, SLIDER_MAX, edge.defaultRadius());
        slider.setId("mask-edge-slider");
        HBox.setHgrow(slider, Priority.ALWAYS);
        boolean[] syncing = {false}; // the slider follows a typed radius past its end without cutting it back
        slider.valueProperty().addListener((obs, old, v) -> {
            if (!syncing[0]) {
                radius.getValueFactory().setValue((int) Math.round(v.doubleValue()));
            }
        });
        radius.valueProperty().addListener((obs, old, v) -> {
            syncing[0] = true;
            slider.setValue(Math.min(SLIDER_MAX, v));
            syncing[0] = false;
        });
        // a typed value counts once the field is left or Enter is pressed, as in the side panel's fields
        radius.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                commitTyped();
            }
        });
        PauseTransition settle = new PauseTransition(PREVIEW_DELAY);
        settle.setOnFinished(e -> preview.accept(radius.getValue()));
        radius.valueProperty().addListener((obs, old, v) -> settle.playFromStart());

        Label label = new Label((edge == MaskEdge.FEATHER ? "Radius" : "By") + " (px):");
        HBox row = new HBox(8, label, slider, radius);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label hint = new Label("The overlay shows the result; OK applies it (one undo step), Cancel leaves the mask.");
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        VBox content = new VBox(10, row, hint);
        content.setPadding(new Insets(8, 4, 0, 4));
        content.setPrefWidth(420);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            commitTyped();
            return radius.getValue();
        });
        setOnShown(e -> {
            preview.accept(radius.getValue()); // at once: the dialog opens on a preview
            radius.getEditor().requestFocus();
            radius.getEditor().selectAll();
        });
    }

    /** The field's typed text as its value, when it is a whole number in range; otherwise the value stays. */
    private void commitTyped() {
        String text = radius.getEditor().getText().trim();
        try {
            int typed = Integer.parseInt(text);
            if (typed >= 0 && typed <= FIELD_MAX) {
                radius.getValueFactory().setValue(typed);
            }
        } catch (NumberFormatException e) {
            // not a number: the field shows the value again
        }
        radius.getEditor().setText(Integer.toString(radius.getValue()));
    }
}
