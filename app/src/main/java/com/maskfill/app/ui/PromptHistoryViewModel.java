package com.maskfill.app.ui;

import com.maskfill.app.project.JobSettings;
import com.maskfill.app.settings.PromptHistory;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The prompt history behind the side panel's history button: every job queued adds its prompt and settings (saved
 * in the background), the list follows the search text, and picking an entry puts it back in the panel.
 */
public final class PromptHistoryViewModel {

    private static final System.Logger LOG = System.getLogger(PromptHistoryViewModel.class.getName());

    private final PromptHistory history;
    private final JobSettingsViewModel settings;
    private final BackgroundTasks tasks;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<JobSettings> shown = FXCollections.observableArrayList();
    private final ObservableList<JobSettings> shownReadOnly = FXCollections.unmodifiableObservableList(shown);
    private final ReadOnlyObjectWrapper<JobSettings> lastSaved = new ReadOnlyObjectWrapper<>();

    public PromptHistoryViewModel(PromptHistory history, JobSettingsViewModel settings, BackgroundTasks tasks) {
        this.history = history;
        this.settings = settings;
        this.tasks = tasks;
        query.addListener((obs, old, now) -> refresh());
        settings.setOnJobQueued(this::record);
        refresh();
    }

    /** What the list is filtered by: every word must appear in the prompt. */
    public StringProperty queryProperty() {
        return query;
    }

    /** The entries matching the query, most recent first. */
    public ObservableList<JobSettings> shown() {
        return shownReadOnly;
    }

    /** The newest entry known to be on disk (tests wait for it). */
    public ReadOnlyObjectProperty<JobSettings> lastSavedProperty() {
        return lastSaved.getReadOnlyProperty();
    }

    /** Puts an entry's prompt and settings back in the side panel. */
    public void use(JobSettings entry) {
        settings.restore(entry);
    }

    private void record(JobSettings queued) {
        history.record(queued);
        refresh();
        JobSettings newest = history.entries().isEmpty() ? null : history.entries().get(0);
        tasks.run(() -> {
            history.save();
            return newest;
        }, lastSaved::set, e -> LOG.log(System.Logger.Level.WARNING,
                "Cannot save the prompt history (" + e.getClass().getSimpleName() + ")"));
    }

    private void refresh() {
        shown.setAll(history.matching(query.get()));
    }
}
