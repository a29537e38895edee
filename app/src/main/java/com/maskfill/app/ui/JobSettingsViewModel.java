package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.project.JobSettings;
import com.maskfill.engine.api.request.FillRequest;
import java.security.SecureRandom;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The job settings of the side panel: prompt, steps, guidance, seed, number of images and engine. Invalid input
 * is reported through each setting's error property, never thrown.
 */
public final class JobSettingsViewModel {

    public static final long MAX_SEED = FillRequest.MAX_SEED;
    public static final int MAX_IMAGES = FillRequest.IMAGE_COUNT_RANGE.max();

    private final SecureRandom random = new SecureRandom();
    /** The chosen engine's highest seed: random seeds are drawn up to it. */
    private long maxSeed = MAX_SEED;

    private final StringProperty prompt = new SimpleStringProperty("");
    private final NumberSetting steps = NumberSetting.wholeNumber("Steps",
            FillRequest.STEPS_RANGE.min(), FillRequest.STEPS_RANGE.max(), FillRequest.DEFAULT_STEPS);
    private final NumberSetting guidance = NumberSetting.decimal("Guidance",
            FillRequest.GUIDANCE_RANGE.min(), FillRequest.GUIDANCE_RANGE.max(), FillRequest.DEFAULT_GUIDANCE);
    private final NumberSetting seed;
    private final BooleanProperty seedLocked = new SimpleBooleanProperty(false);
    private final IntegerProperty imageCount = new SimpleIntegerProperty(1);
    private final ObservableList<EngineChoice> engines;
    private final ObjectProperty<EngineChoice> engine = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper engineMessage = new ReadOnlyStringWrapper();
    private final javafx.beans.property.ReadOnlyIntegerWrapper maxImages =
            new javafx.beans.property.ReadOnlyIntegerWrapper(MAX_IMAGES);
    private final BooleanProperty safetyChecker = new SimpleBooleanProperty(true);
    private final javafx.beans.property.ReadOnlyBooleanWrapper safetyCheckerOptional =
            new javafx.beans.property.ReadOnlyBooleanWrapper(true);
    private final BooleanProperty colorMatch = new SimpleBooleanProperty(true);
    private final BooleanProperty modelResolution = new SimpleBooleanProperty(true);
    private final LoraListViewModel loras = new LoraListViewModel();
    private final BooleanBinding valid;
    private final EngineSetupViewModel setup;
    private java.util.function.Consumer<JobSettings> onJobQueued = queued -> { };

    public JobSettingsViewModel(List<EngineChoice> availableEngines) {
        seed = NumberSetting.wholeNumber("Seed", 0, MAX_SEED, nextSeed());
        engines = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(availableEngines));
        engine.addListener((obs, old, chosen) -> adaptTo(old, chosen));
        if (!engines.isEmpty()) {
            engine.set(engines.get(0));
        }
        engineMessage.set(engines.isEmpty()
                ? "No engines found. Engines are discovered when Maskfill starts; this installation has none yet."
                : "");
        imageCount.addListener((obs, old, now) -> {
            if (now.intValue() < 1 || now.intValue() > maxImages.get()) {
                imageCount.set(Math.max(1, Math.min(maxImages.get(), now.intValue())));
            }
        });
        valid = Bindings.createBooleanBinding(
                () -> steps.isValid() && guidance.isValid() && seed.isValid(),
                steps.valueProperty(), guidance.valueProperty(), seed.valueProperty());
        setup = new EngineSetupViewModel(engines, engine);
    }

    /** Which engines are set up, and the "Set up an engine" card. */
    public EngineSetupViewModel setup() {
        return setup;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public NumberSetting steps() {
        return steps;
    }

    public NumberSetting guidance() {
        return guidance;
    }

    public NumberSetting seed() {
        return seed;
    }

    /**
     * Locked: every job uses the seed shown. Unlocked: each job uses the seed shown too, and queuing it draws the
     * next job's seed into the field at once ({@link #jobQueued()}), so the field always shows what Generate uses.
     */
    public BooleanProperty seedLockedProperty() {
        return seedLocked;
    }

    /** 1 to {@value #MAX_IMAGES} variations per job. */
    public IntegerProperty imageCountProperty() {
        return imageCount;
    }

    public ObservableList<EngineChoice> engines() {
        return engines;
    }

    public ObjectProperty<EngineChoice> engineProperty() {
        return engine;
    }

    /** Why the engine picker is empty, or empty when it is not. */
    public ReadOnlyStringProperty engineMessageProperty() {
        return engineMessage.getReadOnlyProperty();
    }

    /** True when every setting is valid. */
    public BooleanBinding validProperty() {
        return valid;
    }

    /** How many images the chosen engine makes per job (1–4). */
    public javafx.beans.property.ReadOnlyIntegerProperty maxImagesProperty() {
        return maxImages.getReadOnlyProperty();
    }

    /** Ask the provider to check outputs for unsafe content (on by default). */
    public BooleanProperty safetyCheckerProperty() {
        return safetyChecker;
    }

    /** Match each result's colours to the photo around the mask before paste-back (on by default). */
    public BooleanProperty colorMatchProperty() {
        return colorMatch;
    }

    /** Send a small area scaled up to the model's working resolution (on by default); off: at its own size. */
    public BooleanProperty modelResolutionProperty() {
        return modelResolution;
    }

    /** The LoRA list with scales; kept with the project, the prompt history and each result's provenance. */
    public LoraListViewModel loras() {
        return loras;
    }

    /** Whether the chosen engine lets the safety checker be turned off. */
    public javafx.beans.property.ReadOnlyBooleanProperty safetyCheckerOptionalProperty() {
        return safetyCheckerOptional.getReadOnlyProperty();
    }

    /**
     * The side panel follows the chosen engine: its step and guidance ranges, how many images it makes, and its own
     * default guidance where the user left the previous engine's default as it was.
     */
    private void adaptTo(EngineChoice previous, EngineChoice chosen) {
        com.maskfill.engine.api.engine.Capabilities c = capabilitiesOf(chosen);
        steps.setRange(c.stepsRange().min(), c.stepsRange().max());
        boolean guidanceUntouched = guidance.isValid()
                && guidance.valueProperty().get().doubleValue() == capabilitiesOf(previous).defaultGuidance();
        guidance.setRange(c.guidanceRange().min(), c.guidanceRange().max());
        if (guidanceUntouched) {
            guidance.textProperty().set(java.math.BigDecimal.valueOf(c.defaultGuidance()).stripTrailingZeros()
                    .toPlainString());
        }
        maxImages.set(Math.max(1, Math.min(MAX_IMAGES, c.maxImages())));
        if (imageCount.get() > maxImages.get()) {
            imageCount.set(maxImages.get());
        }
        maxSeed = Math.min(MAX_SEED, c.maxSeed());
        if (!seedLocked.get() && seed.isValid() && seed.valueProperty().get().longValue() > maxSeed) {
            randomizeSeed(); // an unlocked seed is the engine's to use: draw it within this engine's range
        }
        safetyCheckerOptional.set(c.safetyCheckerOptional());
        if (!c.safetyCheckerOptional()) {
            safetyChecker.set(true);
        }
        loras.adaptTo(chosen == null ? null : c);
    }

    private static com.maskfill.engine.api.engine.Capabilities capabilitiesOf(EngineChoice engine) {
        return engine == null ? com.maskfill.engine.api.engine.Capabilities.builder().build() : engine.capabilities();
    }

    /** The settings as a project keeps them; an invalid field keeps its default. */
    public JobSettings snapshot() {
        return new JobSettings(prompt.get(),
                steps.isValid() ? steps.valueProperty().get().intValue() : FillRequest.DEFAULT_STEPS,
                guidance.isValid() ? guidance.valueProperty().get().doubleValue()
                        : capabilitiesOf(engine.get()).defaultGuidance(),
                seed.isValid() ? seed.valueProperty().get().longValue() : 0,
                seedLocked.get(), imageCount.get(), engine.get() == null ? null : engine.get().id(), loras.loras());
    }

    /**
     * Puts saved settings back (opening a project, reusing a result's settings, a prompt history entry); an unknown
     * engine is skipped. The LoRA list is replaced by the settings' own, even an empty one; settings that did not
     * record one (null: a history entry or a result from before they kept it) leave the list as it is.
     */
    public void restore(JobSettings s) {
        // The engine first: its limits (image count, ranges) must not clamp the restored values to the old engine's.
        engines.stream().filter(e -> e.id().equals(s.engineId())).findFirst().ifPresent(engine::set);
        prompt.set(s.prompt());
        steps.textProperty().set(Integer.toString(s.steps()));
        guidance.textProperty().set(java.math.BigDecimal.valueOf(s.guidance()).stripTrailingZeros().toPlainString());
        seed.textProperty().set(Long.toString(s.seed()));
        seedLocked.set(s.seedLocked());
        imageCount.set(s.imageCount());
        if (s.loras() != null) {
            loras.restore(s.loras());
        }
    }

    public void randomizeSeed() {
        seed.textProperty().set(Long.toString(nextSeed()));
    }

    /** Told the settings of each job queued, before the next seed is drawn (the prompt history). */
    public void setOnJobQueued(java.util.function.Consumer<JobSettings> listener) {
        this.onJobQueued = listener;
    }

    /** A job was queued with the seed shown: unlocked, the next job's seed is drawn and shown now. */
    public void jobQueued() {
        onJobQueued.accept(snapshot());
        if (!seedLocked.get()) {
            randomizeSeed();
        }
    }

    private long nextSeed() {
        return random.nextLong(maxSeed + 1);
    }
}
