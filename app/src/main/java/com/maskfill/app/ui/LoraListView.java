package com.maskfill.app.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The side panel's LoRA list, bound to a {@link LoraListViewModel}: a row per LoRA (name, scale, remove) and a row to
 * add one by path or URL (Browse where the engine reads files). Disabled, with the reason, where the engine takes none.
 * Shown once its {@link #toggle()} is pressed or the list has LoRAs.
 */
final class LoraListView extends VBox {

    private final LoraListViewModel model;
    private final VBox rows = new VBox(4);
    private final ToggleButton toggle = new ToggleButton("LoRAs");

    LoraListView(LoraListViewModel model) {
        this.model = model;
        setSpacing(4);
        setId("loras");
        Label caption = new Label("LoRAs");
        caption.getStyleClass().add("field-caption");
        caption.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

        TextField source = new TextField();
        source.setId("lora-source");
        source.promptTextProperty().bind(Bindings.when(model.filesProperty())
                .then("LoRA file (.safetensors)").otherwise("LoRA URL"));
        HBox.setHgrow(source, Priority.ALWAYS);
        Button browse = new Button(null, new FontIcon("mdi2f-folder-open"));
        browse.setId("lora-browse");
        browse.setTooltip(new Tooltip("Choose a LoRA file"));
        browse.visibleProperty().bind(model.filesProperty());
        browse.managedProperty().bind(model.filesProperty());
        browse.setOnAction(e -> FileDialogs.lora(getScene().getWindow()).ifPresent(p -> model.add(p.toString())));
        Button add = new Button(null, new FontIcon("mdi2p-plus"));
        add.setId("lora-add");
        add.setTooltip(new Tooltip("Add this LoRA (at scale 1)"));
        add.disableProperty().bind(model.canAddProperty().not().or(source.textProperty().isEmpty()));
        Runnable addTyped = () -> {
            if (model.add(source.getText())) {
                source.clear();
            }
        };
        add.setOnAction(e -> addTyped.run());
        source.setOnAction(e -> addTyped.run());
        // the caption shares the add row: the settings above the queue grow by one line only
        HBox addRow = new HBox(4, caption, source, browse, add);
        addRow.setAlignment(Pos.CENTER_LEFT);
        source.disableProperty().bind(model.canAddProperty().not());
        browse.disableProperty().bind(model.canAddProperty().not());

        Label message = new Label();
        message.setId("lora-message");
        message.getStyleClass().add("field-hint");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());

        rows.disableProperty().bind(model.availableProperty().not());
        model.entries().addListener((ListChangeListener<LoraListViewModel.Entry>) c -> showRows());
        showRows();
        getChildren().addAll(addRow, rows, message);

        // Folded away until asked for or filled, so the settings above the queue are no taller for those without.
        toggle.setId("loras-toggle");
        toggle.setTooltip(new Tooltip("LoRAs for this job, with their scales (kept in the project)"));
        toggle.setPadding(new Insets(1, 6, 1, 6));
        HBox.setMargin(toggle, new Insets(-4, 0, -4, 0));
        toggle.textProperty().bind(Bindings.createStringBinding(() -> model.entries().isEmpty() ? "LoRAs"
                : "LoRAs (" + model.entries().size() + ")", model.entries()));
        toggle.disableProperty().bind(model.availableProperty().not().and(Bindings.isEmpty(model.entries())));
        visibleProperty().bind(toggle.selectedProperty().or(Bindings.isNotEmpty(model.entries())));
        managedProperty().bind(visibleProperty());
    }

    /** The compact button that shows the list (for the prompt's caption row); the list shows itself once filled. */
    ToggleButton toggle() {
        return toggle;
    }

    /** Rebuilt on add, remove and restore only; a scale change updates its own spinner. */
    private void showRows() {
        rows.getChildren().clear();
        for (int i = 0; i < model.entries().size(); i++) {
            rows.getChildren().add(row(model.entries().get(i), i));
        }
    }

    private HBox row(LoraListViewModel.Entry entry, int index) {
        Label name = new Label(entry.name());
        name.setTooltip(new Tooltip(entry.source()));
        name.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(name, Priority.ALWAYS);
        SpinnerValueFactory.DoubleSpinnerValueFactory scaleValues = new SpinnerValueFactory.DoubleSpinnerValueFactory(
                com.maskfill.engine.api.request.FillRequest.LORA_SCALE_RANGE.min(),
                com.maskfill.engine.api.request.FillRequest.LORA_SCALE_RANGE.max(), entry.scaleProperty().get(), 0.05);
        Spinner<Double> scale = new Spinner<>(scaleValues);
        scale.setId("lora-scale-" + index);
        scale.setEditable(true);
        scale.setPrefWidth(84);
        scale.setTooltip(new Tooltip("Scale 0–4: how strongly this LoRA applies"));
        scale.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.setScale(entry, now);
            }
        });
        // weakly: rows are rebuilt on add and remove, and the entry must not keep old spinners alive
        ChangeListener<Number> follow = (obs, old, now) -> scaleValues.setValue(now.doubleValue());
        scale.getProperties().put(ChangeListener.class, follow);
        entry.scaleProperty().addListener(new WeakChangeListener<>(follow));
        Button remove = new Button(null, new FontIcon("mdi2c-close"));
        remove.setId("lora-remove-" + index);
        remove.setTooltip(new Tooltip("Remove this LoRA"));
        remove.setOnAction(e -> model.remove(entry));
        HBox row = new HBox(4, name, scale, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
