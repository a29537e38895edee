package com.maskfill.app.ui;

import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.project.Provenance;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The bar under the canvas for the shown result: which job and image it is, Apply, Discard, the before/after
 * divider, and how it was made. It sits with the canvas rather than at the foot of the side panel, so acting on a
 * result never needs scrolling, and it is always there (disabled when there is nothing to act on) so the canvas
 * does not change size when results arrive.
 */
public final class ResultsPanel extends HBox {

    /** What the panel's buttons do; the editor's view model implements them. */
    public interface Actions {
        void apply();

        void discard();

        void discardGroup();

        void reuseSettings();

        void copySeed();
    }

    /**
     * @param comparing on while the before/after divider is on the canvas
     * @param jobNumber the number of the job a group came from, when known
     */
    public ResultsPanel(ResultHistory results, Actions actions, BooleanProperty comparing,
                        Function<ResultGroup, OptionalLong> jobNumber) {
        getStyleClass().addAll("results-panel", "results-bar");
        setId("results-bar");
        setSpacing(4);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));

        Button previous = iconButton("result-previous", "mdi2c-chevron-left", "Previous result (←)");
        Button next = iconButton("result-next", "mdi2c-chevron-right", "Next result (→)");
        previous.setOnAction(e -> results.selectPrevious());
        next.setOnAction(e -> results.selectNext());
        Label position = new Label();
        position.setId("result-position");
        position.getStyleClass().add("result-position");
        position.setMinWidth(Region.USE_PREF_SIZE);
        Label count = new Label();
        count.setId("result-count");
        count.getStyleClass().add("field-hint");
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.setTooltip(new Tooltip("Place among all results, oldest job first (← → browse them)"));

        Label provenance = new Label();
        provenance.setId("result-provenance");
        provenance.getStyleClass().add("field-hint");
        provenance.setMinWidth(0);
        provenance.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(provenance, Priority.ALWAYS);
        Tooltip details = new Tooltip();
        details.setWrapText(true);
        details.setMaxWidth(420);

        Button apply = new Button("Apply", new FontIcon("mdi2c-check"));
        apply.setId("result-apply");
        apply.setTooltip(new Tooltip("Make this result part of the photo (Enter); later jobs start from it"));
        apply.setOnAction(e -> actions.apply());
        Button discard = new Button("Discard", new FontIcon("mdi2d-delete-outline"));
        discard.setId("result-discard");
        discard.setTooltip(new Tooltip("Discard this result (Del)"));
        discard.setOnAction(e -> actions.discard());
        ToggleButton compare = new ToggleButton("Compare", new FontIcon("mdi2c-compare"));
        compare.setId("result-compare");
        compare.setTooltip(new Tooltip("Before / after: a divider on the canvas with the photo left of it and the "
                + "result right of it; drag it across (hold Tab to see the photo alone)"));
        compare.selectedProperty().bindBidirectional(comparing);
        Button discardGroup = iconButton("result-discard-group", "mdi2d-delete-sweep-outline",
                "Discard all results of this job");
        discardGroup.setOnAction(e -> actions.discardGroup());
        Button reuse = iconButton("result-reuse", "mdi2r-restore", "Reuse settings: put this result's prompt, seed, "
                + "steps, guidance and engine back in the panel");
        reuse.setOnAction(e -> actions.reuseSettings());
        Button copySeed = iconButton("result-copy-seed", "mdi2c-content-copy", "Copy the seed");
        copySeed.setOnAction(e -> actions.copySeed());

        Runnable refresh = () -> {
            ResultLayer layer = results.getSelected();
            position.setText(positionText(results, layer, jobNumber));
            List<ResultLayer> all = results.layers();
            count.setText(layer == null || all.size() < 2 ? "" : (all.indexOf(layer) + 1) + " of " + all.size());
            ResultGroup group = layer == null ? null : results.groupOf(layer);
            String seed = group == null ? "" : VariationSeed.describe(group, layer);
            provenance.setText(group == null ? "" : summary(group.provenance(), layer.seed().isPresent()
                    ? "seed " + layer.seed().getAsLong() : "seed " + group.provenance().seed()));
            details.setText(group == null ? "" : describe(group.provenance(), seed));
            provenance.setTooltip(group == null ? null : details);
        };
        results.selectedProperty().addListener((obs, old, layer) -> refresh.run());
        results.groups().addListener((javafx.collections.ListChangeListener<ResultGroup>) c -> refresh.run());
        refresh.run();
        for (ButtonBase b : List.of(apply, discard, compare, discardGroup, reuse, copySeed)) {
            b.disableProperty().bind(Bindings.isNull(results.selectedProperty()));
        }
        previous.disableProperty().bind(Bindings.isEmpty(results.groups()));
        next.disableProperty().bind(Bindings.isEmpty(results.groups()));
        for (ButtonBase b : List.of(previous, next, apply, discard, compare, discardGroup, reuse, copySeed)) {
            // A click leaves the keyboard with the canvas, where ← → Enter Del act on results.
            b.setFocusTraversable(false);
            // beside the variation board the bar is narrower: the provenance gives way, the buttons keep their words
            b.setMinWidth(Region.USE_PREF_SIZE);
        }

        // a narrow window cuts the bar at its edge rather than drawing it over the side panel
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setMinWidth(0);

        getChildren().addAll(previous, position, count, next, gap(), apply, discard, compare, gap(),
                discardGroup, reuse, copySeed, gap(), provenance);
    }

    /**
     * "Job #3 · image 2 of 4" (or "Job #3" for a job of one image); results opened from a project, whose job
     * numbers are not known, read "Job from the project".
     */
    static String positionText(ResultHistory results, ResultLayer layer,
                               Function<ResultGroup, OptionalLong> jobNumber) {
        if (layer == null) {
            int all = results.layers().size();
            return all == 0 ? "No results yet" : all + (all == 1 ? " result" : " results") + ", none shown";
        }
        ResultGroup group = results.groupOf(layer);
        if (group == null) {
            return "Result";
        }
        OptionalLong number = jobNumber.apply(group);
        String job = number.isPresent() ? "Job #" + number.getAsLong() : "Job from the project";
        int size = group.layers().size();
        return size < 2 ? job : job + " · image " + (group.layers().indexOf(layer) + 1) + " of " + size;
    }

    /** One line: the prompt, the shown image's seed and the time; the rest is in the tooltip. */
    static String summary(Provenance p, String seed) {
        String text = "“" + p.prompt() + "” · " + seed;
        return p.totalMs() == null ? text : text + String.format(Locale.ROOT, " · %.1f s", p.totalMs() / 1000.0);
    }

    /** The LoRAs the job was sent, by name with their scales; empty when none (or not recorded). */
    static String loras(Provenance p) {
        if (p.loras() == null || p.loras().isEmpty()) {
            return "";
        }
        return (p.loras().size() == 1 ? "LoRA " : "LoRAs ") + p.loras().stream()
                .map(l -> LoraListViewModel.nameOf(l.source()) + " × "
                        + String.format(Locale.ROOT, "%.4g", l.scale()).replaceAll("\\.?0+$", ""))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static Separator gap() {
        return new Separator(Orientation.VERTICAL);
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
        if (!loras(p).isEmpty()) {
            parts.add(loras(p));
        }
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
