package com.maskfill.app.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Under the estimate: today's total with its Reset, and the price limit per job. */
final class SpendingControls extends VBox {

    SpendingControls(DailyTotalViewModel total, PriceCeilingViewModel ceiling) {
        super(2);
        Label today = new Label();
        today.setId("daily-total");
        today.getStyleClass().add("field-hint");
        today.textProperty().bind(total.textProperty());
        Tooltip why = new Tooltip();
        why.textProperty().bind(total.detailProperty());
        why.setWrapText(true);
        why.setMaxWidth(360);
        today.setTooltip(why);
        Button reset = new Button("Reset");
        reset.setId("reset-daily-total");
        reset.setTooltip(new Tooltip("Start today's total again from nothing"));
        reset.setOnAction(e -> total.reset());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox totalRow = new HBox(6, today, spring, reset);
        totalRow.setAlignment(Pos.CENTER_LEFT);

        CheckBox ask = new CheckBox("Ask before a job over");
        ask.setId("price-ceiling-on");
        ask.selectedProperty().bindBidirectional(ceiling.enabledProperty());
        ask.setTooltip(new Tooltip("Generate asks before sending a job whose estimate is higher, or unknown"));
        TextField amount = new TextField();
        amount.setId("price-ceiling");
        amount.setPrefColumnCount(5);
        amount.textProperty().bindBidirectional(ceiling.amountProperty());
        amount.disableProperty().bind(ask.selectedProperty().not());
        Tooltip amountError = new Tooltip();
        amountError.textProperty().bind(ceiling.errorProperty());
        amount.tooltipProperty().bind(javafx.beans.binding.Bindings.when(ceiling.errorProperty().isEmpty())
                .then((Tooltip) null).otherwise(amountError));
        ceiling.errorProperty().addListener((obs, old, now) -> amount.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("invalid"), !now.isEmpty()));
        Label unit = new Label();
        unit.textProperty().bind(ceiling.unitProperty());
        HBox ceilingRow = new HBox(6, ask, amount, unit);
        ceilingRow.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(totalRow, ceilingRow);
    }
}
