package com.maskfill.app.ui;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** The price of the next Generate, under the button; its tooltip says where the price comes from. */
final class PriceEstimateLabel extends Label {

    PriceEstimateLabel(PriceEstimateViewModel model) {
        setId("price-estimate");
        getStyleClass().add("field-hint");
        setWrapText(true);
        textProperty().bind(model.textProperty());
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(model.detailProperty());
        setTooltip(tooltip);
    }
}
