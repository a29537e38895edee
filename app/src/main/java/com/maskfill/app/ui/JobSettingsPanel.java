package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;
import org.kordamp.ikonli.javafx.FontIcon;

/** The side panel's job settings, bound to a {@link JobSettingsViewModel}. Holds no state of its own. */
public final class JobSettingsPanel extends VBox {

    /** @param openEngineSettings shows the chosen engine's keys and base URL */
    public JobSettingsPanel(JobSettingsViewModel model, Runnable openEngineSettings) {
        this(model, openEngineSettings, null);
    }

    /** @param promptTools shown at the end of the prompt's caption row (the history button); null: none */
    public JobSettingsPanel(JobSettingsViewModel model, Runnable openEngineSettings, javafx.scene.Node promptTools) {
        getStyleClass().add("job-settings");
        setSpacing(6);
        setPadding(new Insets(12));
        setPrefWidth(300);

        Label heading = new Label("Fill");
        LoraListView loras = new LoraListView(model.loras());
        heading.getStyleClass().add("panel-heading");

        TextArea prompt = new TextArea();
        prompt.setId("prompt");
        prompt.setPromptText("What should appear in the masked area");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(4);
        prompt.textProperty().bindBidirectional(model.promptProperty());

        TextField steps = numberField("steps", model.steps());
        TextField guidance = numberField("guidance", model.guidance());
        TextField seed = numberField("seed", model.seed());
        HBox.setHgrow(seed, Priority.ALWAYS);

        ToggleButton lock = new ToggleButton();
        lock.setId("seed-lock");
        lock.selectedProperty().bindBidirectional(model.seedLockedProperty());
        lock.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(lock.isSelected() ? "mdi2l-lock" : "mdi2l-lock-open-variant"),
                lock.selectedProperty()));
        lock.setTooltip(new Tooltip("Lock the seed: every job uses this seed"));
        Button randomize = new Button(null, new FontIcon("mdi2d-dice-multiple"));
        randomize.setId("seed-randomize");
        randomize.setTooltip(new Tooltip("New random seed"));
        randomize.setOnAction(e -> model.randomizeSeed());

        SegmentedButton images = new SegmentedButton();
        images.setId("image-count");
        ToggleGroup imageGroup = new ToggleGroup();
        for (int n = 1; n <= JobSettingsViewModel.MAX_IMAGES; n++) {
            ToggleButton button = new ToggleButton(Integer.toString(n));
            button.setId("image-count-" + n);
            button.disableProperty().bind(model.maxImagesProperty().lessThan(n));
            button.setUserData(n);
            button.setToggleGroup(imageGroup);
            images.getButtons().add(button);
        }
        images.setToggleGroup(imageGroup);
        selectImageCount(imageGroup, model.imageCountProperty().get());
        model.imageCountProperty().addListener((obs, old, n) -> selectImageCount(imageGroup, n.intValue()));
        imageGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one count is always chosen
            } else {
                model.imageCountProperty().set((Integer) now.getUserData());
            }
        });

        ComboBox<EngineChoice> engine = new ComboBox<>(model.engines());
        engine.setId("engine");
        engine.setMaxWidth(Double.MAX_VALUE);
        EnginePickerCells.install(engine, model.setup());
        engine.valueProperty().bindBidirectional(model.engineProperty());
        engine.setPlaceholder(new Label("No engines found"));
        engine.setPromptText(model.engines().isEmpty() ? "No engines found" : "Choose an engine");
        Button engineSettings = new Button(null, new FontIcon("mdi2c-cog-outline"));
        engineSettings.setId("engine-settings");
        engineSettings.setTooltip(new Tooltip("API keys and address of this engine"));
        engineSettings.disableProperty().bind(model.engineProperty().isNull());
        engineSettings.setOnAction(e -> openEngineSettings.run());
        javafx.scene.control.CheckBox safety = new javafx.scene.control.CheckBox("Safety checker");
        safety.setId("safety-checker");
        safety.selectedProperty().bindBidirectional(model.safetyCheckerProperty());
        safety.disableProperty().bind(model.safetyCheckerOptionalProperty().not());
        safety.setTooltip(new Tooltip("The provider checks the results for unsafe content; some engines let you turn "
                + "it off"));
        javafx.scene.control.CheckBox colorMatch = new javafx.scene.control.CheckBox("Match colours at the seam");
        colorMatch.setId("color-match");
        colorMatch.selectedProperty().bindBidirectional(model.colorMatchProperty());
        colorMatch.setTooltip(new Tooltip("Correct each result's colour drift, measured just outside the mask, "
                + "before it is blended in"));
        javafx.scene.control.CheckBox modelResolution = new javafx.scene.control.CheckBox("Small areas at model resolution");
        modelResolution.setId("model-resolution");
        modelResolution.selectedProperty().bindBidirectional(model.modelResolutionProperty());
        modelResolution.setTooltip(new Tooltip("Send a small area scaled up to the model's working size (about one "
                + "megapixel) for full detail; off: at its own size, cheaper where the engine charges per megapixel"));
        Label engineMessage = errorLabel("engine-message");
        engineMessage.getStyleClass().setAll("label", "field-hint");
        engineMessage.textProperty().bind(model.engineMessageProperty());

        getChildren().addAll(
                heading,
                promptCaption(loras.toggle(), promptTools), prompt, loras,
                rangeCaption("Steps", model.steps()), steps, errorLabelFor("steps-error", model.steps()),
                rangeCaption("Guidance", model.guidance()), guidance,
                errorLabelFor("guidance-error", model.guidance()),
                caption("Seed"), new HBox(4, seed, lock, randomize), errorLabelFor("seed-error", model.seed()),
                caption("Images"), images,
                // The picker has the row to itself so that engine names are not cut off.
                caption("Engine"), engine, EnginePickerCells.statusRow(model.setup(), engineSettings),
                engineMessage, safety, colorMatch, modelResolution);
    }

    private static void selectImageCount(ToggleGroup group, int count) {
        group.getToggles().stream()
                .filter(t -> t.getUserData().equals(count))
                .findFirst()
                .ifPresent(t -> t.setSelected(true));
    }

    /**
     * "Steps (1–50)": the caption shows the chosen engine's range. Bound to the range itself, not to the engine
     * choice: an invalidation listener on the choice runs before the view model's change listener narrows the
     * range, so the caption showed the previous engine's.
     */
    private static Label rangeCaption(String text, NumberSetting setting) {
        Label label = caption(text);
        label.textProperty().bind(Bindings.concat(text, " (", setting.rangeTextProperty(), ")"));
        return label;
    }

    private static javafx.scene.Node promptCaption(javafx.scene.Node loras, javafx.scene.Node promptTools) {
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(4, caption("Prompt"), gap, loras);
        if (promptTools != null) {
            row.getChildren().add(promptTools);
        }
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-caption");
        return label;
    }

    private static TextField numberField(String id, NumberSetting setting) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(setting.textProperty());
        setting.errorProperty().addListener((obs, old, error) -> field.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("invalid"), !error.isEmpty()));
        return field;
    }

    private static Label errorLabelFor(String id, NumberSetting setting) {
        Label label = errorLabel(id);
        label.textProperty().bind(setting.errorProperty());
        return label;
    }

    private static Label errorLabel(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        return label;
    }
}
