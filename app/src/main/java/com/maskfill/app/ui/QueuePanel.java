package com.maskfill.app.ui;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobQueue;
import com.maskfill.app.jobs.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
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

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final ListView<Job> list;
    /** Now, once a second: the elapsed times follow it, and nothing else in a cell is rebuilt (tooltips stay open). */
    private final ObjectProperty<Instant> clock = new SimpleObjectProperty<>(Instant.now());

    /** @param cancel what a row's Cancel does with its job (it asks first once a provider has the job) */
    public QueuePanel(JobQueue queue, Consumer<Job> cancel) {
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
        list.setCellFactory(v -> new JobCell(queue, cancel, clock, list));
        // Keep what matters in view: the job that is running, or the one that just failed (its Retry is there).
        queue.jobs().addListener((javafx.collections.ListChangeListener<Job>) c -> {
            while (c.next()) {
                for (Job job : c.getAddedSubList()) {
                    job.stateProperty().addListener((obs, old, state) -> {
                        if (state == JobState.PREPARING || state == JobState.FAILED) {
                            list.scrollTo(job);
                        }
                    });
                }
            }
            Job running = queue.running();
            if (running != null) {
                list.scrollTo(running);
            } else if (!queue.jobs().isEmpty()) {
                list.scrollTo(queue.jobs().size() - 1);
            }
        });
        // A timeline, not a thread.
        Timeline tick = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> clock.set(Instant.now())));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
        getChildren().add(list);
    }

    static String elapsedText(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    /** One job, bound to its properties while shown; the cell's tooltips are made once and only change text. */
    private static final class JobCell extends ListCell<Job> {
        private final JobQueue queue;
        private final Consumer<Job> cancelJob;
        private final ObjectProperty<Instant> clock;
        private final Label title = new Label();
        private final Label status = new Label();
        private final Label elapsed = new Label();
        private final Label cost = new Label();
        private final ProgressBar progress = new ProgressBar();
        private final Button cancel = new Button(null, new FontIcon("mdi2c-close-circle-outline"));
        /** In place of Cancel where cancelling would save nothing: the job is billed and its results come. */
        private final Label cannotStop = new Label(null, new FontIcon("mdi2l-lock-clock"));
        private final Tooltip cannotStopWhy = new Tooltip();
        private final Button retry = new Button(null, new FontIcon("mdi2r-refresh"));
        private final Tooltip details = new Tooltip();
        private final VBox box;
        private final HBox bottom;
        private final ChangeListener<JobState> onState = (obs, old, now) -> pseudoClassStateChanged(FAILED,
                now == JobState.FAILED);
        private Job shown;

        JobCell(JobQueue queue, Consumer<Job> cancelJob, ObjectProperty<Instant> clock, ListView<Job> list) {
            this.queue = queue;
            this.cancelJob = cancelJob;
            this.clock = clock;
            // As wide as the list and no wider, so long messages wrap instead of scrolling sideways (and Retry,
            // at the row's end, stays in view); the status's width sets the row's height.
            setPrefWidth(0);
            status.prefWidthProperty().bind(list.widthProperty().subtract(40));
            status.setMinWidth(0);
            title.setMinWidth(0);
            details.setWrapText(true);
            details.setMaxWidth(420);
            cancel.setTooltip(new Tooltip("Cancel (Esc cancels the running job; a job a provider already has is asked "
                    + "about first)"));
            cannotStop.setTooltip(cannotStopWhy);
            retry.setTooltip(new Tooltip()); // its text is bound per job: fetch an accepted job or submit again
            cancel.getStyleClass().add("job-cancel");
            cannotStop.getStyleClass().add("job-cannot-stop");
            retry.getStyleClass().add("job-retry");
            cancel.managedProperty().bind(cancel.visibleProperty());
            cannotStop.managedProperty().bind(cannotStop.visibleProperty());
            retry.managedProperty().bind(retry.visibleProperty());
            progress.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(progress, Priority.ALWAYS);
            progress.managedProperty().bind(progress.visibleProperty());
            status.setWrapText(true);
            status.getStyleClass().add("job-status");
            elapsed.getStyleClass().add("job-elapsed");
            cost.getStyleClass().add("job-cost");
            HBox top = new HBox(6, title, elapsed, cost);
            bottom = new HBox(4, progress, cancel, cannotStop, retry);
            bottom.setAlignment(Pos.CENTER_RIGHT);
            bottom.managedProperty().bind(bottom.visibleProperty());
            box = new VBox(2, top, status, bottom);
        }

        @Override
        protected void updateItem(Job job, boolean empty) {
            super.updateItem(job, empty);
            if (shown != null) {
                shown.stateProperty().removeListener(onState);
            }
            shown = empty ? null : job;
            for (var bound : new javafx.beans.property.Property<?>[] {status.textProperty(), elapsed.textProperty(),
                    cost.textProperty(), progress.progressProperty(), details.textProperty(),
                    cannotStopWhy.textProperty(), cancel.visibleProperty(), cannotStop.visibleProperty(),
                    retry.visibleProperty(), progress.visibleProperty(), bottom.visibleProperty()}) {
                bound.unbind();
            }
            if (shown == null) {
                setGraphic(null);
                setTooltip(null);
                pseudoClassStateChanged(FAILED, false);
                return;
            }
            job.stateProperty().addListener(onState);
            pseudoClassStateChanged(FAILED, job.getState() == JobState.FAILED);
            title.setText("#" + job.number() + " " + job.engine().displayName());
            status.textProperty().bind(job.statusProperty());
            progress.progressProperty().bind(job.progressProperty());
            // A finished job shows no bar: a full one looks like activity.
            progress.visibleProperty().bind(Bindings.createBooleanBinding(() -> !job.getState().isFinished(),
                    job.stateProperty()));
            elapsed.textProperty().bind(Bindings.createStringBinding(() -> elapsedText(job.elapsed(clock.get())), clock,
                    job.stateProperty()));
            cost.textProperty().bind(job.costProperty());
            BooleanBinding cancellable = Bindings.createBooleanBinding(job::canBeCancelled, job.stateProperty());
            cancel.visibleProperty().bind(cancellable);
            cannotStop.visibleProperty().bind(cancellable.not().and(Bindings.createBooleanBinding(
                    () -> !job.getState().isFinished(), job.stateProperty())));
            cannotStopWhy.textProperty().bind(Bindings.createStringBinding(() -> job.getState() == JobState.DOWNLOADING
                    ? "Done at the provider: its results are being downloaded."
                    : job.engine().displayName() + " cannot stop a job once it has it: it finishes the job (and bills "
                            + "it), and the results will arrive here.", job.stateProperty()));
            retry.visibleProperty().bind(Bindings.createBooleanBinding(
                    () -> (job.getState() == JobState.FAILED || job.getState() == JobState.CANCELLED)
                            && job.inputsKeptProperty().get(), job.stateProperty(), job.inputsKeptProperty()));
            bottom.visibleProperty().bind(progress.visibleProperty().or(retry.visibleProperty()));
            cancel.setOnAction(e -> cancelJob.accept(job));
            retry.setOnAction(e -> retry(job));
            retry.getTooltip().textProperty().bind(Bindings.createStringBinding(() -> job.retryDescription()
                    + ". It uses the engine settings the job was first sent with; changed them? Generate again instead.",
                    job.stateProperty()));
            // A failed job's tooltip says why, in full (its row may still be cut at a small size); others, the prompt.
            details.textProperty().bind(Bindings.createStringBinding(() -> job.getState() == JobState.FAILED
                    ? String.join("\n\n", job.errorProperty().get(), job.errorDetailProperty().get()).strip()
                    : String.join("\n\n", job.prompt(), job.activityProperty().get()).strip(),
                    job.stateProperty(), job.errorDetailProperty(), job.activityProperty()));
            setTooltip(details);
            setGraphic(box);
        }

        /** Retry; a new submission of a job the provider may already have (and have charged) is asked about first. */
        private void retry(Job job) {
            if (job.retryMayChargeTwice() && !confirmChargeTwice(job)) {
                return;
            }
            queue.retry(job);
        }

        private boolean confirmChargeTwice(Job job) {
            ButtonType submit = new ButtonType("Submit Again", ButtonBar.ButtonData.OK_DONE);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, job.engine().displayName() + " may have received "
                    + "job #" + job.number() + " before the connection failed, so the first job may have been charged. "
                    + "Check its dashboard first: submitting again is a new charge.", submit,
                    new ButtonType("Don't Submit", ButtonBar.ButtonData.CANCEL_CLOSE));
            alert.setHeaderText("Submit job #" + job.number() + " again?");
            if (getScene() != null && getScene().getWindow() != null) {
                alert.initOwner(getScene().getWindow());
            }
            return alert.showAndWait().orElse(null) == submit;
        }
    }
}
