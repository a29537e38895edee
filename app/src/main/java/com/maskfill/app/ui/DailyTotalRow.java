package com.maskfill.app.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** Today's total and its Reset, beside the queue's heading (it takes no height of its own from the queue). */
final class DailyTotalRow extends HBox {

    DailyTotalRow(DailyTotalViewModel total) {
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
        today.setMinWidth(0);
        Hyperlink reset = new Hyperlink("Reset");
        reset.setId("reset-daily-total");
        reset.setMinWidth(USE_PREF_SIZE);
        reset.setPadding(new javafx.geometry.Insets(0, 2, 0, 2)); // no taller than the text beside it
        reset.setTooltip(new Tooltip("Start today's total again from nothing"));
        reset.setOnAction(e -> total.reset());
        setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(today, reset);
    }
}
