package com.maskfill.app.ui;

import com.maskfill.app.outpaint.CanvasExtension;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks how to extend the canvas: pixels per side, or an aspect ratio that fills them in. */
public final class ExtendCanvasDialog extends Dialog<CanvasExtension> {

    private static final List<String> ASPECTS = List.of("1:1", "4:3", "3:2", "16:9", "21:9", "3:4", "2:3", "9:16");

    public ExtendCanvasDialog(Window owner, int width, int height) {
        initOwner(owner);
        setTitle("Extend Canvas");
        setHeaderText("Add pixels around the " + width + " × " + height + " photo. Only the new area is masked "
                + "(the mask painted before is put aside; Ctrl+Z brings it back) and pre-filled from the edges. "
                + "An empty prompt continues the photo.");
        getDialogPane().getStylesheets().add(ExtendCanvasDialog.class.getResource("maskfill.css").toExternalForm());
        Spinner<Integer> left = side("extend-left");
        Spinner<Integer> top = side("extend-top");
        Spinner<Integer> right = side("extend-right");
        Spinner<Integer> bottom = side("extend-bottom");
        ComboBox<String> aspect = new ComboBox<>();
        aspect.getItems().setAll(ASPECTS);
        aspect.setPromptText("Aspect ratio");
        aspect.setId("extend-aspect");
        Button fill = new Button("Use ratio");
        fill.setOnAction(e -> {
            String chosen = aspect.getValue();
            if (chosen != null) {
                String[] parts = chosen.split(":");
                CanvasExtension ext = CanvasExtension.toAspect(width, height, Double.parseDouble(parts[0]),
                        Double.parseDouble(parts[1]));
                left.getValueFactory().setValue(ext.left());
                top.getValueFactory().setValue(ext.top());
                right.getValueFactory().setValue(ext.right());
                bottom.getValueFactory().setValue(ext.bottom());
            }
        });
        Label size = new Label();
        size.setId("extend-size");
        Runnable showSize = () -> size.setText(ExtendCanvasDialog.sizeChange(width, height,
                new CanvasExtension(left.getValue(), top.getValue(), right.getValue(), bottom.getValue())));
        for (Spinner<Integer> side : List.of(left, top, right, bottom)) {
            side.valueProperty().addListener((obs, old, now) -> showSize.run());
        }
        showSize.run();
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(EngineSettingsDialog.CONTENT_PADDING);
        grid.addRow(0, new Label("Left"), left, new Label("px"), new Label("Right"), right, new Label("px"));
        grid.addRow(1, new Label("Top"), top, new Label("px"), new Label("Bottom"), bottom, new Label("px"));
        grid.addRow(2, new Label("Or"), aspect, fill);
        grid.add(size, 0, 3, 6, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(button -> button == ButtonType.OK
                ? new CanvasExtension(left.getValue(), top.getValue(), right.getValue(), bottom.getValue()) : null);
    }

    /** "3000 × 2000 → 3556 × 2000 px": the photo's size now and after the extension. */
    static String sizeChange(int width, int height, CanvasExtension extension) {
        return width + " × " + height + " → " + extension.newWidth(width) + " × " + extension.newHeight(height)
                + " px";
    }

    private static Spinner<Integer> side(String id) {
        Spinner<Integer> spinner = new Spinner<>(0, 16_384, 0, 64);
        spinner.setEditable(true);
        spinner.setId(id);
        spinner.setPrefWidth(110);
        return spinner;
    }
}
