package com.maskfill.app.ui;

import com.maskfill.app.jobs.Job;
import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The right-hand panel: the job settings scroll on their own above, and the Generate button and the queue stay
 * at its foot, so the main action and the running job are in view at any window height. Nothing in the
 * scrolling part changes size when jobs run or results arrive, so it never jumps under the user; the results'
 * actions are in the bar under the canvas ({@link ResultsPanel}).
 */
final class SidePanel extends VBox {

    /**
     * @param cancelJob   what a queue row's Cancel does (asks first once a provider has the job)
     * @param promptTools beside the prompt's caption (the prompt history button); null: none
     */
    SidePanel(JobSettingsViewModel settings, JobsViewModel jobs, PriceEstimateViewModel price,
              DailyTotalViewModel dailyTotal, PriceCeilingViewModel ceiling, Runnable openEngineSettings, Consumer<Job> cancelJob, Node promptTools) {
        Button generate = new Button("Generate", new FontIcon("mdi2c-creation"));
        generate.setId("generate");
        generate.setMaxWidth(Double.MAX_VALUE);
        generate.getStyleClass().add("generate-button");
        generate.setTooltip(new Tooltip("Fill the masked area (Ctrl+Enter)"));
        generate.setOnAction(e -> jobs.generate());
        ScrollPane settingsScroll = new ScrollPane(new JobSettingsPanel(settings, openEngineSettings, promptTools));
        settingsScroll.setId("side-settings");
        settingsScroll.setFitToWidth(true);
        settingsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        settingsScroll.getStyleClass().add("side-panel");
        settingsScroll.setMinHeight(120);
        VBox.setVgrow(settingsScroll, Priority.ALWAYS);
        // The estimate shares its row with the price limit, and the queue's heading with today's total: the foot
        // keeps its height, so the queue keeps its rows in view.
        PriceEstimateLabel estimate = new PriceEstimateLabel(price);
        estimate.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(estimate, Priority.ALWAYS);
        HBox estimateRow = new HBox(4, estimate, new PriceLimitLink(ceiling));
        estimateRow.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        VBox foot = new VBox(8, padded(new VBox(4, generate, estimateRow)),
                section("Queue", new DailyTotalRow(dailyTotal), new QueuePanel(jobs.queue(), cancelJob)));
        foot.setId("side-foot");
        foot.setPadding(new Insets(8, 0, 10, 0));
        foot.getStyleClass().add("side-foot");
        getChildren().addAll(settingsScroll, foot);
        setPrefWidth(340);
        setMinWidth(300);
        getStyleClass().add("side-column");
    }

    /** @param besideHeading at the heading's right end */
    private static VBox section(String title, Node besideHeading, Node content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("panel-heading");
        heading.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(besideHeading, Priority.ALWAYS);
        HBox headingRow = new HBox(8, heading, besideHeading);
        headingRow.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        VBox box = padded(content);
        box.getChildren().add(0, headingRow);
        box.setSpacing(6);
        return box;
    }

    private static VBox padded(Node node) {
        VBox box = new VBox(node);
        box.setPadding(new Insets(0, 12, 0, 12));
        return box;
    }
}
