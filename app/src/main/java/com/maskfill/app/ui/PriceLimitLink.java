package com.maskfill.app.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Beside the estimate: the price limit per job ("Limit: off", "Limit: 0.10 USD"); a click opens its small dialog.
 * The limit is kept as it is edited: the dialog only closes.
 */
final class PriceLimitLink extends Hyperlink {

    PriceLimitLink(PriceCeilingViewModel ceiling) {
        setId("price-limit");
        setMinWidth(USE_PREF_SIZE);
        setPadding(new javafx.geometry.Insets(0, 2, 0, 2)); // no taller than the text beside it
        textProperty().bind(Bindings.createStringBinding(() -> ceiling.enabledProperty().get()
                        ? "Limit: " + ceiling.amountProperty().get() + " " + ceiling.unitProperty().get() : "Limit: off",
                ceiling.enabledProperty(), ceiling.amountProperty(), ceiling.unitProperty()));
        setTooltip(new Tooltip("A price limit per job: Generate asks before sending a job whose estimate is higher, "
                + "or unknown"));
        setOnAction(e -> {
            dialog(ceiling).showAndWait();
            setVisited(false);
        });
    }

    private Dialog<ButtonType> dialog(PriceCeilingViewModel ceiling) {
        CheckBox ask = new CheckBox("Ask before sending a job that should cost more than");
        ask.setId("price-ceiling-on");
        ask.selectedProperty().bindBidirectional(ceiling.enabledProperty());
        TextField amount = new TextField();
        amount.setId("price-ceiling");
        amount.setPrefColumnCount(6);
        amount.textProperty().bindBidirectional(ceiling.amountProperty());
        amount.disableProperty().bind(ask.selectedProperty().not());
        Label unit = new Label();
        unit.textProperty().bind(ceiling.unitProperty());
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.textProperty().bind(ceiling.errorProperty());
        ceiling.errorProperty().addListener((obs, old, now) -> amount.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("invalid"), !now.isEmpty()));
        Label hint = new Label("A job whose price is unknown is asked about too. Off: Generate never asks.");
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        HBox row = new HBox(6, amount, unit);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox content = new VBox(8, ask, row, error, hint);
        content.setPadding(EngineSettingsDialog.CONTENT_PADDING);
        content.setPrefWidth(380);

        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Price Limit per Job");
        dialog.getDialogPane().getStylesheets().add(PriceLimitLink.class.getResource("maskfill.css")
                .toExternalForm());
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        if (getScene() != null && getScene().getWindow() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        return dialog;
    }
}
