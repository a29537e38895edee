package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.engine.api.engine.Readiness;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * Which engines are set up, and the "Set up an engine" card: shown at start and on Generate while the chosen
 * engine is not set up, gone as soon as it is (or when put off with Not now). The readiness check is the
 * engines' own ({@link com.maskfill.app.settings.EngineReadiness}); until one is given every engine counts as
 * ready.
 */
public final class EngineSetupViewModel {

    private final ObservableList<EngineChoice> engines;
    private final ReadOnlyObjectProperty<EngineChoice> chosen;
    private final ObservableMap<String, String> notSetUp = FXCollections.observableHashMap();
    private final ObservableMap<String, String> notSetUpView = FXCollections.unmodifiableObservableMap(notSetUp);
    private final ReadOnlyStringWrapper chosenProblem = new ReadOnlyStringWrapper("");
    private final SimpleBooleanProperty cardWanted = new SimpleBooleanProperty(false);
    private final BooleanBinding cardShown;
    private Function<String, Readiness> check = id -> Readiness.READY;

    EngineSetupViewModel(ObservableList<EngineChoice> engines, ReadOnlyObjectProperty<EngineChoice> chosen) {
        this.engines = engines;
        this.chosen = chosen;
        chosen.addListener((obs, old, now) -> updateChosen());
        cardShown = cardWanted.and(chosenProblem.isNotEmpty());
    }

    /** Sets how engines are asked, and asks them all. */
    public void setCheck(Function<String, Readiness> check) {
        this.check = check;
        refresh();
    }

    /** Asks every engine again (after its settings were saved, say). */
    public void refresh() {
        Map<String, String> reasons = new HashMap<>();
        for (EngineChoice engine : engines) {
            Readiness readiness = check.apply(engine.id());
            if (!readiness.ready()) {
                reasons.put(engine.id(), readiness.reason());
            }
        }
        notSetUp.keySet().retainAll(reasons.keySet());
        notSetUp.putAll(reasons);
        updateChosen();
    }

    /** Engine id → why it is not set up; engines that are ready are absent. */
    public ObservableMap<String, String> notSetUp() {
        return notSetUpView;
    }

    /** Why the chosen engine is not set up, or empty. */
    public ReadOnlyStringProperty chosenProblemProperty() {
        return chosenProblem.getReadOnlyProperty();
    }

    /** Asks {@code engine} afresh (its key may have arrived since the last refresh). */
    public boolean isReady(EngineChoice engine) {
        Readiness readiness = check.apply(engine.id());
        if (readiness.ready()) {
            notSetUp.remove(engine.id());
        } else {
            notSetUp.put(engine.id(), readiness.reason());
        }
        updateChosen();
        return readiness.ready();
    }

    /** The first engine that is set up, in the picker's order. */
    public Optional<EngineChoice> firstReady() {
        return engines.stream().filter(e -> !notSetUp.containsKey(e.id())).findFirst();
    }

    /** Whether the "Set up an engine" card is on screen. */
    public BooleanBinding cardShownProperty() {
        return cardShown;
    }

    /** Shows the card if the chosen engine is not set up (at start, on Generate). */
    public void offerSetup() {
        cardWanted.set(true);
    }

    /** Not now: the card goes until the next Generate with an engine that is not set up. */
    public void dismiss() {
        cardWanted.set(false);
    }

    private void updateChosen() {
        EngineChoice engine = chosen.get();
        chosenProblem.set(engine == null ? "" : notSetUp.getOrDefault(engine.id(), ""));
    }

    /** "WaveSpeedAI … — not set up" for lists; the plain name when it is set up. */
    String label(EngineChoice engine) {
        return notSetUp.containsKey(engine.id()) ? engine.displayName() + " — not set up" : engine.displayName();
    }
}
