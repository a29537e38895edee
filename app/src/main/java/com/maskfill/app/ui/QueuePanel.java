package com.maskfill.app.ui;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobQueue;
import com.maskfill.app.jobs.JobState;
import java.time.Duration;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The job queue: each job's state, progress, elapsed time and cost, with Cancel and Retry. */
public final class QueuePanel extends VBox {

    private final ListView<Job> list;

    public QueuePanel(JobQueue queue) {
        getStyleClass().add("queue-panel");
        setSpacing(4);
        list = new ListView<>(queue.jobs());
        list.setId("job-list");
        list.setPrefHeight(150);
        Label empty = new Label("No jobs yet: paint a mask, write a prompt, then Generate (Ctrl+Enter).");
        empty.setWrapText(true);
        empty.getStyleClass().add("field-hint");
        list.setPlaceholder(empty);
        list.setPrefWidth(300);
        list.setCellFactory(v -> new JobCell(queue));
        // The newest job first catches the eye: scroll to it as it arrives.
        queue.jobs().addListener((javafx.collections.ListChangeListener<Job>) c -> list.scrollTo(queue.jobs().size() - 1));
        // Elapsed times tick once a second; a timeline, not a thread.
        Timeline tick = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> list.refresh()));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
        getChildren().add(list);
    }

    static String elapsedText(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    private static final class JobCell extends ListCell<Job> {
        private final JobQueue queue;
        private final Label title = new Label();
        private final Label status = new Label();
        private final Label elapsed = new Label();
        private final Label cost = new Label();
        private final ProgressBar progress = new ProgressBar();
        private final Button cancel = new Button(null, new FontIcon("mdi2c-close-circle-outline"));
        private final Button retry = new Button(null, new FontIcon("mdi2r-refresh"));
        private final VBox box;
        private final javafx.beans.value.ChangeListener<JobState> onState = (obs, old, now) -> refresh();
        private Job shown;

        JobCell(JobQueue queue) {
            this.queue = queue;
            cancel.setTooltip(new Tooltip("Cancel (Esc cancels the running job)"));
            retry.setTooltip(new Tooltip("Run this job again with the same inputs"));
            cancel.getStyleClass().add("job-cancel");
            retry.getStyleClass().add("job-retry");
            progress.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(progress, Priority.ALWAYS);
            status.setWrapText(true);
            status.getStyleClass().add("job-status");
            HBox top = new HBox(6, title, elapsed, cost);
            HBox bottom = new HBox(4, progress, cancel, retry);
            bottom.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, top, status, bottom);
        }

        private void refresh() {
            if (shown != null) {
                updateItem(shown, false);
            }
        }

        @Override
        protected void updateItem(Job job, boolean empty) {
            super.updateItem(job, empty);
            if (shown != null && shown != job) {
                shown.stateProperty().removeListener(onState);
            }
            if (job != null && shown != job) {
                job.stateProperty().addListener(onState);
            }
            shown = empty ? null : job;
            if (empty || job == null) {
                setGraphic(null);
                status.textProperty().unbind();
                progress.progressProperty().unbind();
                return;
            }
            title.setText("#" + job.number() + " " + job.engine().displayName());
            status.textProperty().bind(job.statusProperty());
            progress.progressProperty().bind(Bindings.createDoubleBinding(
                    () -> job.getState() == JobState.DONE ? 1 : job.progressProperty().get(),
                    job.progressProperty(), job.stateProperty()));
            elapsed.setText(elapsedText(job.elapsed()));
            cost.setText(job.costProperty().get());
            boolean finished = job.getState().isFinished();
            cancel.setVisible(!finished);
            cancel.setManaged(!finished);
            boolean retryable = job.getState() == JobState.FAILED || job.getState() == JobState.CANCELLED;
            retry.setVisible(retryable);
            retry.setManaged(retryable);
            cancel.setOnAction(e -> queue.cancel(job));
            retry.setOnAction(e -> queue.retry(job));
            retry.getTooltip().setText(job.retryDescription());
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), job.getState() == JobState.FAILED);
            Tooltip.install(this, new Tooltip(job.errorDetailProperty().get().isEmpty()
                    ? String.join("\n\n", job.prompt(), job.activityProperty().get()).strip()
                    : job.errorDetailProperty().get()));
            setGraphic(box);
        }
    }
}
