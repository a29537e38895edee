package com.maskfill.app.ui;

import com.maskfill.app.jobs.PriceCeiling;
import com.maskfill.app.settings.AppSettings;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The user's ceiling per job: off by default; on, Generate asks before sending a job whose estimate is above it or
 * unknown. Kept in the settings ({@link AppSettings#maxJobPrice}) as soon as it changes.
 */
public final class PriceCeilingViewModel {

    /** What the amount field offers when the ceiling is first switched on. */
    static final String SUGGESTED = "0.10";

    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final StringProperty amount = new SimpleStringProperty(SUGGESTED);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper unit = new ReadOnlyStringWrapper(PriceCeiling.DEFAULT_UNIT);

    /** @param save writes the settings */
    public PriceCeilingViewModel(AppSettings settings, Runnable save) {
        if (settings.maxJobPrice != null && !settings.maxJobPrice.isBlank()) {
            try {
                PriceCeiling kept = PriceCeiling.parse(settings.maxJobPrice);
                amount.set(kept.amount().toPlainString());
                unit.set(kept.unit());
                enabled.set(true);
            } catch (IllegalArgumentException e) {
                // an edited settings file: the ceiling starts off
            }
        }
        Runnable changed = () -> {
            Optional<PriceCeiling> now = parsed();
            error.set(enabled.get() && now.isEmpty() ? "Not an amount: a price such as " + SUGGESTED : "");
            String kept = enabled.get() ? now.map(PriceCeiling::toString).orElse(settings.maxJobPrice) : null;
            if (!java.util.Objects.equals(kept, settings.maxJobPrice)) {
                settings.maxJobPrice = kept;
                save.run();
            }
        };
        enabled.addListener((obs, old, on) -> changed.run());
        amount.addListener((obs, old, text) -> changed.run());
    }

    /** On: Generate asks before a job dearer than {@link #amountProperty()}, or of unknown price. */
    public BooleanProperty enabledProperty() {
        return enabled;
    }

    /** The ceiling's amount as typed, in {@link #unitProperty()}. */
    public StringProperty amountProperty() {
        return amount;
    }

    /** The currency or unit of the amount ("USD"). */
    public ReadOnlyStringProperty unitProperty() {
        return unit.getReadOnlyProperty();
    }

    /** Why the amount cannot be used; empty when it can (or the ceiling is off). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The ceiling when it is on and its amount is one; empty when it is off. */
    public Optional<PriceCeiling> ceiling() {
        return enabled.get() ? parsed() : Optional.empty();
    }

    private Optional<PriceCeiling> parsed() {
        try {
            return Optional.of(PriceCeiling.parse(amount.get() + " " + unit.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
