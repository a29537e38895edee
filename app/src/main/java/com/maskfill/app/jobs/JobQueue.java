package com.maskfill.app.jobs;

import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.pipeline.FillResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Jobs run one after another on a worker thread while the editor stays responsive. Progress and outcomes are
 * handed to the FX thread. The latest few failed or cancelled jobs keep their inputs, so Retry needs no repainting;
 * Retry is the user's click — nothing here ever submits a job twice on its own.
 */
public final class JobQueue implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JobQueue.class.getName());
    /** How long closing waits for the running job to stop, so its provider-side cancel goes out (as in the CLI). */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(15);
    /**
     * Failed or cancelled jobs that keep their inputs for Retry; older ones let go of their photo copy, so a session
     * of failures on large photos does not fill the memory.
     */
    static final int RETRYABLE_KEPT = 3;

    private final JobRunner runner;
    private final Duration closeGrace;
    private final Deque<Job> retryable = new ArrayDeque<>();
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
        this(runner, onDone, CLOSE_GRACE);
    }

    JobQueue(JobRunner runner, Consumer<Job> onDone, Duration closeGrace) {
        this.runner = runner;
        this.onDone = onDone;
        this.closeGrace = closeGrace;
    }

    /** Every job of this session, oldest first. */
    public ObservableList<Job> jobs() {
        return jobsView;
    }

    /** The highest job number given so far (0 before the first job). */
    public long lastNumber() {
        return numbers.get();
    }

    /** Numbers the next jobs after {@code last} too (a reopened project's), never reusing one given already. */
    public void continueNumbersAfter(long last) {
        numbers.accumulateAndGet(last, Math::max);
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

    /**
     * Cancels a waiting or running job; the provider is told where it allows it.
     *
     * @return false when the job cannot be cancelled any more ({@link Job#canBeCancelled()}): it goes on
     */
    public boolean cancel(Job job) {
        if (!job.canBeCancelled()) {
            return false;
        }
        job.cancellation().cancel();
        if (job.getState() == JobState.WAITING) {
            job.cancelledBeforeStart();
            keptForRetry(job);
        }
        return true;
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
            failed(job, e);
        } catch (Throwable e) {
            // Whatever the engine threw (a native library missing, memory short), the job ends and says so.
            LOG.log(System.Logger.Level.ERROR, "Job " + job.number() + " failed unexpectedly", e);
            failed(job, new EngineException(EngineException.Category.PROVIDER_FAILED,
                    "The job failed unexpectedly: " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()), e));
            if (e instanceof VirtualMachineError fatal && !(e instanceof OutOfMemoryError)) {
                throw fatal; // the JVM itself is in trouble; memory that ran short for one job is free again now
            }
        }
    }

    private void failed(Job job, EngineException e) {
        Platform.runLater(() -> {
            job.failed(e);
            keptForRetry(job);
        });
    }

    /** On the FX thread: a job that ended without results keeps its inputs for Retry, the oldest such let go. */
    private void keptForRetry(Job job) {
        retryable.addLast(job);
        while (retryable.size() > RETRYABLE_KEPT) {
            retryable.removeFirst().releaseInputsAndOutputs();
        }
    }

    /**
     * Cancels every job, then waits (at most {@link #CLOSE_GRACE}) for the running one to stop, so a provider-side
     * cancel is sent before the program exits, and frees the runner's engines. Call on the FX thread.
     */
    @Override
    public void close() {
        if (worker.isShutdown()) {
            return;
        }
        for (Job job : jobs) {
            try {
                job.cancellation().cancel(); // also a job a provider cannot stop: nobody waits for it any more
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Cancelling job " + job.number() + " failed: " + e);
            }
        }
        worker.execute(runner::close);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "A job did not stop within " + closeGrace.toSeconds() + " s");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
