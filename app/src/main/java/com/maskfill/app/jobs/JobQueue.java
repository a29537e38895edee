package com.maskfill.app.jobs;

import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.pipeline.FillResult;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Jobs run one after another on a worker thread while the editor stays responsive. Progress and outcomes are
 * handed to the FX thread. A failed job keeps its inputs, so Retry needs no repainting; Retry is the user's
 * click — nothing here ever submits a job twice on its own.
 */
public final class JobQueue implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JobQueue.class.getName());

    private final JobRunner runner;
    private final Consumer<Job> onDone;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "maskfill-jobs");
        thread.setDaemon(true);
        return thread;
    });
    private final ObservableList<Job> jobs = FXCollections.observableArrayList();
    private final ObservableList<Job> jobsView = FXCollections.unmodifiableObservableList(jobs);
    private final AtomicLong numbers = new AtomicLong();

    /**
     * @param onDone called on the FX thread with each job that finished with results; the job's inputs and
     *               outputs are released right after it returns
     */
    public JobQueue(JobRunner runner, Consumer<Job> onDone) {
        this.runner = runner;
        this.onDone = onDone;
    }

    /** Every job of this session, oldest first. */
    public ObservableList<Job> jobs() {
        return jobsView;
    }

    /** Queues a job; call on the FX thread. */
    public Job submit(JobSpec spec) {
        return enqueue(new Job(numbers.incrementAndGet(), spec));
    }

    private Job enqueue(Job job) {
        jobs.add(job);
        worker.execute(() -> run(job));
        return job;
    }

    /**
     * The user asked again for a failed or cancelled job: a new job with the same inputs. When the provider had
     * accepted the first one, the new job fetches its results instead of submitting (and paying) again; see
     * {@link Job#retryDescription()}.
     */
    public Job retry(Job job) {
        if (job.spec() == null) {
            throw new IllegalStateException("job " + job.number() + " finished; its inputs were released");
        }
        return enqueue(new Job(numbers.incrementAndGet(), job.spec(), job.resumable().orElse(null)));
    }

    /** Cancels a waiting or running job; the provider is told where it allows it. */
    public void cancel(Job job) {
        if (!job.getState().isFinished()) {
            job.cancellation().cancel();
            if (job.getState() == JobState.WAITING) {
                job.cancelledBeforeStart();
            }
        }
    }

    /** The job that is running now, if any (Esc cancels it). */
    public Job running() {
        return jobs.stream().filter(j -> !j.getState().isFinished() && j.getState() != JobState.WAITING)
                .findFirst().orElse(null);
    }

    public boolean isBusy() {
        return jobs.stream().anyMatch(j -> !j.getState().isFinished());
    }

    private void run(Job job) {
        if (job.cancellation().isCancelled()) {
            return;
        }
        Platform.runLater(job::started);
        try {
            ProgressListener progress = event -> Platform.runLater(() -> job.progressed(event));
            FillResult result = job.resumes().isPresent()
                    ? runner.resume(job.spec(), job.resumes().get(), progress, job.cancellation())
                    : runner.run(job.spec(), progress, job.cancellation());
            Platform.runLater(() -> {
                job.succeeded(result);
                onDone.accept(job);
                job.releaseInputsAndOutputs();
            });
        } catch (EngineException e) {
            Platform.runLater(() -> job.failed(e));
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(System.Logger.Level.ERROR, "Job " + job.number() + " failed unexpectedly", e);
            EngineException wrapped = new EngineException(EngineException.Category.PROVIDER_FAILED,
                    "The job failed unexpectedly: " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()), e);
            Platform.runLater(() -> job.failed(wrapped));
        }
    }

    @Override
    public void close() {
        jobs.forEach(j -> j.cancellation().cancel());
        worker.shutdownNow();
    }
}
