package com.maskfill.app.jobs;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.PriceEstimate;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.pipeline.FillResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One job in the queue, as the queue panel shows it. Its properties change on the FX thread only; the
 * {@link JobQueue} posts the worker's progress there.
 */
public final class Job {

    private final long number;
    private final EngineChoice engine;
    private final String prompt;
    /** Kept while the job may still run or be retried; released once its results are in the history. */
    private JobSpec spec;
    private final Cancellation cancellation = new Cancellation();
    private final ReadOnlyObjectWrapper<JobState> state = new ReadOnlyObjectWrapper<>(JobState.WAITING);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Waiting");
    private final ReadOnlyStringWrapper cost = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper inputsKept = new ReadOnlyBooleanWrapper(true);
    private String lastDetail;
    private Instant started;
    private Instant finished;
    private FillResult result;
    private final PriceEstimate estimate;
    private JobCost charge;
    /** The earlier submission this job fetches instead of submitting, or null for a new submission. */
    private final SubmittedJob resumes;
    /** What the provider has (or may have) accepted before this job failed, or null. */
    private SubmittedJob submitted;

    Job(long number, JobSpec spec) {
        this(number, spec, null);
    }

    Job(long number, JobSpec spec, SubmittedJob resumes) {
        this.number = number;
        this.resumes = resumes;
        this.spec = spec;
        this.engine = spec.engine();
        this.prompt = spec.request().prompt();
        this.estimate = spec.estimate();
    }

    public long number() {
        return number;
    }

    /** The inputs, for running and for Retry; null once a finished job's results were handed over. */
    public JobSpec spec() {
        return spec;
    }

    /** The earlier submission this job fetches the results of, when it is a resumed job. */
    public Optional<SubmittedJob> resumes() {
        return Optional.ofNullable(resumes);
    }

    /**
     * What Retry will do, in words for the button: fetch the results of a job the provider accepted (no new
     * charge), or submit again, warning when the first submission may already have been charged.
     */
    public String retryDescription() {
        if (submitted != null && submitted.resumable()) {
            return "Retry: fetch the results of job " + submitted.id().orElse("already sent") + " (no new submission)";
        }
        if (submitted != null) {
            return "Retry: submit again — the first job may have been charged; check the provider's dashboard first";
        }
        return "Retry: run this job again with the same inputs";
    }

    /**
     * True when Retry would submit again although the provider may already have this job (its answer never arrived):
     * the first one may have been charged, so the user is asked first. A Retry that fetches a known job's results,
     * or resends a job no provider received, costs nothing extra and is not asked about.
     */
    public boolean retryMayChargeTwice() {
        return submitted != null && !submitted.resumable();
    }

    /** The accepted job a Retry should resume, when there is one. */
    Optional<SubmittedJob> resumable() {
        return Optional.ofNullable(submitted).filter(SubmittedJob::resumable);
    }

    /** True while {@link #spec()} is kept; false once the queue let go of it (then Retry cannot run the job). */
    public ReadOnlyBooleanProperty inputsKeptProperty() {
        return inputsKept.getReadOnlyProperty();
    }

    public EngineChoice engine() {
        return engine;
    }

    public String prompt() {
        return prompt;
    }

    public ReadOnlyObjectProperty<JobState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public JobState getState() {
        return state.get();
    }

    /** 0–1, or −1 while the stage has no measurable progress. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "Uploading 120 KiB of 340 KiB", "Running step 3 of 28", "Failed: …". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * Once done: the provider's reported cost ("0.04 USD"), or where it reports none the estimate, marked as one
     * ("≈ 0.05 USD (estimate)"); empty before, and for a free job or an unknown price.
     */
    public ReadOnlyStringProperty costProperty() {
        return cost.getReadOnlyProperty();
    }

    /** What the job should cost, as estimated when it was queued. */
    public PriceEstimate estimate() {
        return estimate;
    }

    /** Once done: the reported cost or the estimate (see {@link #costProperty()}); empty otherwise. */
    public Optional<JobCost> charge() {
        return Optional.ofNullable(charge);
    }

    /** Why the job failed, in words for a designer; empty unless it failed. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The provider's own words about a failure, for the details. */
    public ReadOnlyStringProperty errorDetailProperty() {
        return errorDetail.getReadOnlyProperty();
    }

    /**
     * What the engine said it was busy with, one line each, in order (a local engine's memory plan, what it loaded);
     * the status line shows only the latest.
     */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** From start to finish, or to now while running; zero while waiting. */
    public Duration elapsed() {
        return elapsed(Instant.now());
    }

    /** From start to finish, or to {@code now} while running; zero while waiting. */
    public Duration elapsed(Instant now) {
        if (started == null) {
            return Duration.ZERO;
        }
        return Duration.between(started, finished != null ? finished : now);
    }

    /** The outputs, from {@link JobState#DONE} until they were handed to the history (then null). */
    public FillResult result() {
        return result;
    }

    /**
     * Drops the photo copy, the mask and the full-size outputs once the history has the results: a session of
     * jobs on 8K photos must not keep gigabytes alive for the queue's list.
     */
    void releaseInputsAndOutputs() {
        spec = null;
        result = null;
        inputsKept.set(false);
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /**
     * Whether Cancel still stops something: not once the outputs exist (downloading them costs nothing more), and not
     * after submitting to a provider that cannot stop a job (1min.ai finishes and bills it; its results will come).
     */
    public boolean canBeCancelled() {
        JobState now = state.get();
        return !now.isFinished() && now != JobState.DOWNLOADING
                && (engine.capabilities().cancellable() || !now.isSubmitted());
    }

    // --- transitions, on the FX thread ---

    void started() {
        started = Instant.now();
        if (state.get() == JobState.WAITING) { // running from now on, also for Esc, before the engine says more
            state.set(JobState.PREPARING);
            status.set(JobState.PREPARING.label());
        }
    }

    void progressed(ProgressEvent event) {
        if (state.get().isFinished()) {
            return;
        }
        state.set(switch (event.stage()) {
            case PREPARING -> JobState.PREPARING;
            case UPLOADING -> JobState.UPLOADING;
            case QUEUED -> JobState.QUEUED;
            case RUNNING -> JobState.RUNNING;
            case DOWNLOADING -> JobState.DOWNLOADING;
            case DONE -> state.get();
        });
        progress.set(event.fraction().orElse(-1));
        status.set(event.describe());
        if (event.detail() != null && !event.detail().equals(lastDetail)) {
            lastDetail = event.detail();
            activity.set(activity.get().isEmpty() ? lastDetail : activity.get() + "\n" + lastDetail);
        }
    }

    void succeeded(FillResult fillResult) {
        finished = Instant.now();
        result = fillResult;
        charge = JobCost.of(fillResult.cost(), estimate).orElse(null);
        cost.set(charge == null ? "" : charge.text());
        progress.set(1);
        status.set("Done");
        state.set(JobState.DONE);
    }

    void failed(EngineException e) {
        finished = Instant.now();
        if (e.category() == EngineException.Category.CANCELLED) {
            progress.set(0);
            status.set("Cancelled");
            state.set(JobState.CANCELLED);
            return;
        }
        progress.set(0);
        submitted = e.submittedJob().orElse(null);
        error.set(e.getMessage());
        errorDetail.set(e.providerDetail().orElse(""));
        status.set("Failed: " + e.getMessage());
        state.set(JobState.FAILED);
    }

    void cancelledBeforeStart() {
        finished = Instant.now();
        status.set("Cancelled");
        state.set(JobState.CANCELLED);
    }
}
