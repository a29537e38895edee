package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The engine picker's look: engines that are not set up are marked ("— not set up" in the list, a warning icon
 * on the chosen one, the reason in the tooltip), names wrap instead of being cut off, and under the picker a line
 * says what the chosen engine still needs, with a way to set it up.
 */
final class EnginePickerCells {

    private EnginePickerCells() {
    }

    static void install(ComboBox<EngineChoice> picker, EngineSetupViewModel setup) {
        picker.setCellFactory(list -> new EngineCell(setup, true));
        picker.setButtonCell(new EngineCell(setup, false));
    }

    /** "⚠ Not set up  Set up…" beside the engine's settings button (the reason in the tooltip); empty when ready. */
    static HBox statusRow(EngineSetupViewModel setup, Button engineSettings) {
        Label status = new Label();
        status.setId("engine-status");
        status.setWrapText(true);
        status.getStyleClass().add("field-hint");
        // One short line: the side panel must keep Generate and the results in view; the reason is in the tooltip
        // and on the setup card.
        status.textProperty().bind(Bindings.when(setup.chosenProblemProperty().isEmpty()).then("")
                .otherwise("Not set up"));
        Tooltip why = new Tooltip();
        why.textProperty().bind(setup.chosenProblemProperty());
        status.setTooltip(why);
        status.setGraphic(new FontIcon("mdi2a-alert-circle-outline"));
        Hyperlink setUp = new Hyperlink("Set up…");
        setUp.setId("engine-set-up");
        setUp.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        setUp.setOnAction(e -> setup.offerSetup());
        for (javafx.scene.Node node : new javafx.scene.Node[] {status, setUp}) {
            node.visibleProperty().bind(setup.chosenProblemProperty().isNotEmpty());
            node.managedProperty().bind(node.visibleProperty());
        }
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(status, Priority.SOMETIMES);
        HBox row = new HBox(4, status, setUp, spacer, engineSettings);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static final class EngineCell extends ListCell<EngineChoice> {
        private final EngineSetupViewModel setup;
        private final boolean inList;

        EngineCell(EngineSetupViewModel setup, boolean inList) {
            this.setup = setup;
            this.inList = inList;
            setWrapText(true);
            if (!inList) {
                // Once the width is known a long name may need a second line: let the picker grow to it.
                widthProperty().addListener((obs, old, now) -> {
                    if (getParent() != null) {
                        getParent().requestLayout();
                    }
                });
            }
        }

        /**
         * The picker asks its button cell for a height without giving a width; a wrapped name's height depends on
         * it, so answer for the width the cell has, or the name would be cut to what one line holds.
         */
        @Override
        protected double computePrefHeight(double width) {
            return super.computePrefHeight(width < 0 && !inList && getWidth() > 0 ? getWidth() : width);
        }

        @Override
        protected void updateItem(EngineChoice engine, boolean empty) {
            super.updateItem(engine, empty);
            textProperty().unbind();
            graphicProperty().unbind();
            tooltipProperty().unbind();
            if (empty || engine == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            var notSetUp = setup.notSetUp();
            textProperty().bind(Bindings.createStringBinding(
                    () -> inList ? setup.label(engine) : engine.displayName(), notSetUp));
            graphicProperty().bind(Bindings.createObjectBinding(() -> !inList && notSetUp.containsKey(engine.id())
                    ? new FontIcon("mdi2a-alert-circle-outline") : null, notSetUp));
            tooltipProperty().bind(Bindings.createObjectBinding(() -> new Tooltip(notSetUp.containsKey(engine.id())
                    ? engine.displayName() + ": not set up, " + notSetUp.get(engine.id())
                    : engine.displayName()), notSetUp));
        }
    }
}
