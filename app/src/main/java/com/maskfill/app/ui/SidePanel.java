package com.maskfill.app.ui;

import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The right-hand panel: job settings, the Generate button, the queue and the results, scrolling as one. */
final class SidePanel extends ScrollPane {

    SidePanel(JobSettingsViewModel settings, JobsViewModel jobs, DoubleProperty compareSplit,
              Runnable openEngineSettings) {
        Button generate = new Button("Generate", new FontIcon("mdi2c-creation"));
        generate.setId("generate");
        generate.setMaxWidth(Double.MAX_VALUE);
        generate.getStyleClass().add("generate-button");
        generate.setTooltip(new Tooltip("Fill the masked area (Ctrl+Enter)"));
        generate.setOnAction(e -> jobs.generate());
        setContent(new VBox(8,
                new JobSettingsPanel(settings, openEngineSettings),
                padded(generate),
                section("Queue", new QueuePanel(jobs.queue())),
                section("Results", new ResultsPanel(jobs.results(), jobs, compareSplit))));
        setFitToWidth(true);
        setPrefWidth(340);
        setMinWidth(300);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        getStyleClass().add("side-panel");
    }

    private static VBox section(String title, Node content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("panel-heading");
        VBox box = padded(content);
        box.getChildren().add(0, heading);
        box.setSpacing(6);
        return box;
    }

    private static VBox padded(Node node) {
        VBox box = new VBox(node);
        box.setPadding(new Insets(0, 12, 0, 12));
        return box;
    }
}
