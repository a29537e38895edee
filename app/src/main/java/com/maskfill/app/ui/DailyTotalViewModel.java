package com.maskfill.app.ui;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobCost;
import com.maskfill.app.jobs.JobQueue;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.settings.AppSettings;
import com.maskfill.engine.api.engine.Cost;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.util.Duration;

/**
 * What today's jobs cost: each finished job's reported cost, or its estimate where the provider reported none,
 * summed per currency or unit. Kept in the settings (so it survives a restart), started afresh at local midnight,
 * and set back to nothing by Reset.
 */
public final class DailyTotalViewModel {

    /** How often the day is looked at while the editor sits idle, so the total empties at midnight. */
    static final Duration DAY_CHECK = Duration.seconds(1);

    private final AppSettings settings;
    private final Clock clock;
    private final Runnable save;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper();

    /**
     * @param settings where the day's sums are kept ({@link AppSettings#spend})
     * @param clock    the local day comes from it (tests pass one they move past midnight)
     * @param save     writes the settings (a cost is saved at once: an editor that crashes must not forget it)
     */
    public DailyTotalViewModel(JobQueue queue, AppSettings settings, Clock clock, Runnable save) {
        this.settings = settings;
        this.clock = clock;
        this.save = save;
        queue.jobs().addListener((ListChangeListener<Job>) c -> {
            while (c.next()) {
                for (Job job : c.getAddedSubList()) {
                    job.stateProperty().addListener((obs, old, state) -> {
                        if (state == JobState.DONE) {
                            job.charge().ifPresent(this::add);
                        }
                    });
                }
            }
        });
        // A timeline, not a thread: the day is compared, nothing else happens.
        Timeline dayCheck = new Timeline(new KeyFrame(DAY_CHECK, e -> show()));
        dayCheck.setCycleCount(Timeline.INDEFINITE);
        dayCheck.play();
        show();
    }

    /** "Today: 0.09 USD", "Today: ≈ 0.14 USD" (holding an estimate), "Today: nothing spent". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** What the total counts, for the label's tooltip. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** Sets today's total back to nothing. */
    public void reset() {
        settings.spend = null;
        save.run();
        show();
    }

    private void add(JobCost charge) {
        AppSettings.DaySpend day = today();
        Map<String, BigDecimal> totals = new TreeMap<>(day.totals());
        Cost cost = charge.cost();
        totals.merge(cost.unit(), cost.amount(), BigDecimal::add);
        TreeSet<String> estimated = new TreeSet<>(day.estimatedUnits());
        if (charge.estimated()) {
            estimated.add(cost.unit());
        }
        settings.spend = new AppSettings.DaySpend(day.day(), totals, estimated.stream().toList());
        save.run();
        show();
    }

    /** The kept sums when they are today's; an empty day otherwise (the kept ones are from an earlier day). */
    private AppSettings.DaySpend today() {
        String now = LocalDate.now(clock).toString();
        AppSettings.DaySpend kept = settings.spend;
        return kept != null && now.equals(kept.day()) ? kept : new AppSettings.DaySpend(now, Map.of(), null);
    }

    private void show() {
        AppSettings.DaySpend day = today();
        if (day.totals().isEmpty()) {
            text.set("Today: nothing spent");
        } else {
            text.set("Today: " + new TreeMap<>(day.totals()).entrySet().stream()
                    .map(e -> (day.estimatedUnits().contains(e.getKey()) ? "≈ " : "")
                            + new Cost(e.getValue(), e.getKey()).shownAmount() + " " + e.getKey())
                    .collect(Collectors.joining(" + ")));
        }
        detail.set("What today's jobs cost as their providers reported it"
                + (day.estimatedUnits().isEmpty() ? "" : "; ≈: with estimates where a provider reported no cost")
                + ". Jobs of unknown price are not counted. Starts afresh at midnight.");
    }
}
