package com.maskfill.app.ui;

import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.project.Provenance;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The shown result: where it sits among all results, how it was made, and what to do with it. */
public final class ResultsPanel extends VBox {

    /** What the panel's buttons do; the editor's view model implements them. */
    public interface Actions {
        void apply();

        void discard();

        void discardGroup();

        void reuseSettings();

        void copySeed();
    }

    public ResultsPanel(ResultHistory results, Actions actions, DoubleProperty split) {
        getStyleClass().add("results-panel");
        setSpacing(4);

        Button previous = iconButton("result-previous", "mdi2c-chevron-left", "Previous result (←)");
        Button next = iconButton("result-next", "mdi2c-chevron-right", "Next result (→)");
        previous.setOnAction(e -> results.selectPrevious());
        next.setOnAction(e -> results.selectNext());
        Label position = new Label();
        position.setId("result-position");
        HBox.setHgrow(position, Priority.ALWAYS);
        position.setMaxWidth(Double.MAX_VALUE);

        Label provenance = new Label();
        provenance.setId("result-provenance");
        provenance.setWrapText(true);
        provenance.getStyleClass().add("field-hint");

        Button apply = new Button("Apply", new FontIcon("mdi2c-check"));
        apply.setId("result-apply");
        apply.setTooltip(new Tooltip("Make this result part of the photo (Enter); later jobs start from it"));
        apply.setOnAction(e -> actions.apply());
        Button discard = new Button("Discard", new FontIcon("mdi2d-delete-outline"));
        discard.setId("result-discard");
        discard.setTooltip(new Tooltip("Discard this result (Del)"));
        discard.setOnAction(e -> actions.discard());
        Button discardGroup = iconButton("result-discard-group", "mdi2d-delete-sweep-outline",
                "Discard all results of this job");
        discardGroup.setOnAction(e -> actions.discardGroup());
        Button reuse = iconButton("result-reuse", "mdi2r-restore", "Reuse settings: put this result's prompt, seed, "
                + "steps, guidance and engine back in the panel");
        reuse.setOnAction(e -> actions.reuseSettings());
        Button copySeed = iconButton("result-copy-seed", "mdi2c-content-copy", "Copy the seed");
        copySeed.setOnAction(e -> actions.copySeed());

        Slider compare = new Slider(0, 1, 1);
        compare.setId("result-compare");
        compare.setTooltip(new Tooltip("Before / after: the result left of the split, the photo right of it "
                + "(hold Tab to see the photo alone)"));
        compare.valueProperty().bindBidirectional(split);

        Runnable refresh = () -> {
            List<ResultLayer> all = results.layers();
            ResultLayer layer = results.getSelected();
            position.setText(layer == null
                    ? (all.isEmpty() ? "No results yet" : all.size() + " result(s), none shown")
                    : "Result " + (all.indexOf(layer) + 1) + " of " + all.size());
            ResultGroup group = layer == null ? null : results.groupOf(layer);
            provenance.setText(group == null ? "" : describe(group.provenance(), VariationSeed.describe(group, layer)));
        };
        results.selectedProperty().addListener((obs, old, layer) -> refresh.run());
        results.groups().addListener((javafx.collections.ListChangeListener<ResultGroup>) c -> refresh.run());
        refresh.run();
        for (Button b : List.of(apply, discard, discardGroup, reuse, copySeed)) {
            b.disableProperty().bind(Bindings.isNull(results.selectedProperty()));
        }
        previous.disableProperty().bind(Bindings.isEmpty(results.groups()));
        next.disableProperty().bind(Bindings.isEmpty(results.groups()));

        getChildren().addAll(new HBox(4, previous, position, next), provenance,
                new HBox(4, apply, discard, discardGroup, reuse, copySeed), compare);
    }

    private static Button iconButton(String id, String icon, String tooltip) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tooltip));
        return button;
    }

    /** @param seed the shown result's seed line ({@link VariationSeed#describe}) */
    static String describe(Provenance p, String seed) {
        List<String> parts = new ArrayList<>();
        parts.add("“" + p.prompt() + "”");
        parts.add(p.engineName() + (p.providerJobId() == null ? "" : ", job " + p.providerJobId()));
        parts.add(seed);
        parts.add(p.steps() + " steps · guidance "
                + String.format(Locale.ROOT, "%.4g", p.guidance()).replaceAll("\\.?0+$", ""));
        if (p.costAmount() != null) {
            parts.add("cost " + p.costAmount() + " " + p.costUnit());
        }
        if (p.totalMs() != null) {
            parts.add(String.format(Locale.ROOT, "%.1f s", p.totalMs() / 1000.0)
                    + (p.inferenceMs() == null ? "" : String.format(Locale.ROOT, " (%.1f s computing)",
                    p.inferenceMs() / 1000.0)));
        }
        parts.add("area " + p.crop());
        return String.join("\n", parts);
    }
}
