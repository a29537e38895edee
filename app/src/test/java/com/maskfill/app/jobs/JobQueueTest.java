package com.maskfill.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.cli.TestEngines;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.pipeline.FillResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.pipeline.FillPipeline;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The queue runs jobs one by one off the FX thread and reports on it; it never repeats a job by itself. */
@ExtendWith(ApplicationExtension.class)
class JobQueueTest {

    private static final EngineChoice ENGINE = new EngineChoice("fake", "Fake",
            Capabilities.builder().cancellable(true).build());
    /** Like 1min.ai: once it has the job, it finishes (and bills) it. */
    private static final EngineChoice CANNOT_CANCEL = new EngineChoice("fake", "Fake provider",
            Capabilities.builder().cancellable(false).build());

    private final List<Job> done = new CopyOnWriteArrayList<>();
    private final List<String> doneJobIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final String tag = java.util.UUID.randomUUID().toString();
    private JobQueue queue;

    @Start
    void start(Stage stage) {
        // The FX toolkit only; the queue needs no window.
    }

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    private static JobSpec spec() {
        return spec(ENGINE);
    }

    private static JobSpec spec(EngineChoice engine) {
        return TestJobs.spec(engine, "x", java.util.Map.of());
    }

    private static void await(CountDownLatch gate) throws EngineException {
        try {
            gate.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw EngineException.cancelled();
        }
    }

    /** A runner that reports steps and returns the source as its result. */
    private JobRunner stepping(CountDownLatch gate) {
        return (spec, progress, cancellation) -> {
            runs.incrementAndGet();
            progress.onProgress(ProgressEvent.preparing("Memory plan: CPU, transformer fp32 resident"));
            progress.onProgress(ProgressEvent.preparing("Loading the transformer", 0, 1));
            progress.onProgress(ProgressEvent.preparing("Loading the transformer", 0, 1));
            for (int step = 1; step <= spec.request().steps(); step++) {
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw EngineException.cancelled();
                }
                cancellation.throwIfCancelled();
                progress.onProgress(ProgressEvent.running(step, spec.request().steps()));
            }
            return new FillPipeline().run(new com.maskfill.engine.api.engine.Engine() {
                @Override
                public com.maskfill.engine.api.engine.Capabilities capabilities() {
                    return com.maskfill.engine.api.engine.Capabilities.builder().sideRange(16, 512).build();
                }

                @Override
                public com.maskfill.engine.api.engine.EngineResult fill(
                        com.maskfill.engine.api.engine.EngineInput input,
                        com.maskfill.engine.api.engine.ProgressListener l,
                        com.maskfill.engine.api.engine.Cancellation c) {
                    return com.maskfill.engine.api.engine.EngineResult.builder().addImage(input.image())
                            .providerJobId("p-" + runs.get()).build();
                }
            }, spec.request(), progress, cancellation);
        };
    }

    @Test
    void aJobReportsItsStepsAndEndsDoneWithItsResult(FxRobot robot) throws Exception {
        queue = new JobQueue(stepping(new CountDownLatch(0)), j -> {
            done.add(j);
            doneJobIds.add(j.result().providerJobId().orElseThrow());
        });
        Job job = WaitForAsyncUtils.asyncFx(() -> queue.submit(spec())).get();

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.getState() == JobState.DONE);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of(job), done);
        assertEquals(List.of("p-1"), doneJobIds, "the result is handed over when the job is done");
        assertEquals("Done", job.statusProperty().get());
        assertEquals("Memory plan: CPU, transformer fp32 resident\nLoading the transformer",
                job.activityProperty().get(), "what the engine said it did stays readable after the status moved on");
        assertEquals(1.0, job.progressProperty().get());
        assertNull(job.result(), "then the queue lets go of the full-size outputs");
        assertNull(job.spec(), "and of the photo copy");
        assertEquals("x", job.prompt(), "what the queue panel shows stays");
    }

    @Test
    void jobsWaitTheirTurnAndCancellingAWaitingJobNeverRunsIt(FxRobot robot) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        queue = new JobQueue(stepping(gate), done::add);
        Job first = WaitForAsyncUtils.asyncFx(() -> queue.submit(spec())).get();
        Job second = WaitForAsyncUtils.asyncFx(() -> queue.submit(spec())).get();
        assertEquals(JobState.WAITING, second.getState());

        robot.interact(() -> queue.cancel(second));
        gate.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> first.getState() == JobState.DONE);
        Thread.sleep(100);

        assertEquals(JobState.CANCELLED, second.getState());
        assertEquals(1, runs.get(), "the cancelled job never reached the engine");
    }

    @Test
    void cancellingTheRunningJobStopsItAndRetryIsANewJobWithTheSameInputs(FxRobot robot) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        queue = new JobQueue(stepping(gate), done::add);
        Job job = WaitForAsyncUtils.asyncFx(() -> queue.submit(spec())).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> runs.get() == 1);

        robot.interact(() -> queue.cancel(job));
        gate.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.getState() == JobState.CANCELLED);
        assertTrue(done.isEmpty());

        JobSpec kept = job.spec();
        // read on the FX thread with the retry: a finished job lets go of its inputs on that thread right after
        AtomicReference<JobSpec> retried = new AtomicReference<>();
        Job again = WaitForAsyncUtils.asyncFx(() -> {
            Job retry = queue.retry(job);
            retried.set(retry.spec());
            return retry;
        }).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> again.getState() == JobState.DONE);
        assertNotSame(job, again);
        assertSame(kept, retried.get(), "Retry needs no repainting: the same inputs");
        assertEquals(2, runs.get());
    }

    @Test
    void aFailureKeepsTheProvidersMessageAndNothingIsRetriedAutomatically(FxRobot robot) throws Exception {
        queue = new JobQueue((spec, progress, cancellation) -> {
            runs.incrementAndGet();
            throw new EngineException(EngineException.Category.QUOTA, "Your WaveSpeed balance is used up.",
                    "402 Payment Required: insufficient credits");
        }, done::add);
        Job job = WaitForAsyncUtils.asyncFx(() -> queue.submit(spec())).get();

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.getState() == JobState.FAILED);
        Thread.sleep(100);

        assertEquals("Your WaveSpeed balance is used up.", job.errorProperty().get());
        assertEquals("402 Payment Required: insufficient credits", job.errorDetailProperty().get());
        assertEquals(1, runs.get(), "a failed submission is not sent again");
    }

    @Test
    void retryOfAJobTheProviderAcceptedFetchesItsResultsInsteadOfSubmittingAgain(FxRobot robot) throws Exception {
        SubmittedJob accepted = SubmittedJob.accepted("fake", "pred_9", 7L);
        List<SubmittedJob> resumed = new CopyOnWriteArrayList<>();
        JobRunner stepping = stepping(new CountDownLatch(0));
        queue = new JobQueue(new JobRunner() {
            @Override
            public FillResult run(JobSpec spec, ProgressListener progress, Cancellation cancellation)
                    throws EngineException {
                runs.incrementAndGet();
                throw new EngineException(EngineException.Category.NETWORK, "Lost contact", null, null, accepted);
            }

            @Override
            public FillResult resume(JobSpec spec, SubmittedJob job, ProgressListener progress,
                                     Cancellation cancellation) throws EngineException {
                resumed.add(job);
                return stepping.run(spec, progress, cancellation);
            }
        }, done::add);
        Job job = WaitForAsyncUtils.asyncFx(() -> queue.submit(spec())).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.getState() == JobState.FAILED);
        assertEquals("Retry: fetch the results of job pred_9 (no new submission)", job.retryDescription());

        Job again = WaitForAsyncUtils.asyncFx(() -> queue.retry(job)).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> again.getState() == JobState.DONE);
        assertEquals(List.of(accepted), resumed);
        assertEquals(2, runs.get(), "one submission, then one fetch (the stepping runner counts the fetch)");
    }

    @Test
    void retryAfterASubmissionWhoseAnswerNeverArrivedSaysItMayBeChargedTwice(FxRobot robot) throws Exception {
        queue = new JobQueue((spec, progress, cancellation) -> {
            throw new EngineException(EngineException.Category.NETWORK, "may have received the job", null, null,
                    SubmittedJob.unconfirmed("fake", 7L));
        }, done::add);
        Job job = WaitForAsyncUtils.asyncFx(() -> queue.submit(spec())).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.getState() == JobState.FAILED);
        assertTrue(job.retryDescription().contains("the first job may have been charged"), job.retryDescription());
    }

    @Test
    void aJobIsRunningFromTheMomentItStartsSoEscapeFindsIt(FxRobot robot) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        queue = new JobQueue((spec, progress, cancellation) -> {
            runs.incrementAndGet();
            await(gate); // an engine loading its weights says nothing for a while
            throw EngineException.cancelled();
        }, done::add);
        Job job = WaitForAsyncUtils.asyncFx(() -> queue.submit(spec())).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> runs.get() == 1);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(JobState.PREPARING, job.getState());
        assertSame(job, WaitForAsyncUtils.asyncFx(queue::running).get());
        gate.countDown();
    }

    /**
     * Queues a job on an engine registered for tests, through the editor's runner (the queue is made for it on the
     * first call); the engine counts what happens to it under this test's tag.
     */
    private Job submitToRegistered(String engineId, String prompt) throws Exception {
        if (queue == null) {
            queue = new JobQueue(new EngineJobRunner(name -> java.util.Optional.of(
                    com.maskfill.engine.api.engine.Secret.of("test-key"))), done::add);
        }
        EngineChoice engine = EngineChoice.of(com.maskfill.engine.api.engine.EngineProviders.find(engineId)
                .orElseThrow());
        return WaitForAsyncUtils.asyncFx(() -> queue.submit(TestJobs.spec(engine, prompt,
                java.util.Map.of(TestEngines.TAG, tag)))).get();
    }

    @Test
    void anErrorThrownByTheEngineEndsTheJobAndTheNextJobStillRuns(FxRobot robot) throws Exception {
        Job broken = submitToRegistered("test-counting", "unsatisfied link");
        Job next = submitToRegistered("test-counting", "x");

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> next.getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(JobState.FAILED, broken.getState());
        assertEquals("The job failed unexpectedly: UnsatisfiedLinkError", broken.errorProperty().get());
        assertEquals("no tokenizers in java.library.path", broken.errorDetailProperty().get());
        assertEquals(JobState.DONE, next.getState());
        assertFalse(WaitForAsyncUtils.asyncFx(queue::isBusy).get(), "nothing is left running: closing need not warn");
        assertEquals(2, TestEngines.count(tag, "created"), "the engine that threw was not used again");
    }

    @Test
    void closingWaitsUntilTheProviderWasToldToCancel(FxRobot robot) throws Exception {
        Job job = submitToRegistered("test-slow-cancel", "x");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.getState() == JobState.QUEUED);

        robot.interact(queue::close);

        assertEquals(1, TestEngines.count(tag, "provider-cancelled"), "the cancel reached the provider first");
        assertEquals(1, TestEngines.count(tag, "closed"), "and the engine was closed after the job");
    }

    @Test
    void closingGivesUpOnAJobThatDoesNotStop(FxRobot robot) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        queue = new JobQueue((spec, progress, cancellation) -> {
            runs.incrementAndGet();
            while (never.getCount() > 0) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    break; // lets go only when interrupted
                }
            }
            throw EngineException.cancelled();
        }, done::add, java.time.Duration.ofMillis(300));
        WaitForAsyncUtils.asyncFx(() -> queue.submit(spec())).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> runs.get() == 1);

        long start = System.nanoTime();
        robot.interact(queue::close);

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "closing waits a bounded time");
    }

    @Test
    void aJobAProviderCannotStopGoesOnAfterCancelAndDeliversItsResults(FxRobot robot) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        queue = new JobQueue((spec, progress, cancellation) -> {
            progress.onProgress(ProgressEvent.running());
            await(gate);
            cancellation.throwIfCancelled(); // a cancelled job stops waiting for the results it pays for
            return stepping(new CountDownLatch(0)).run(spec, event -> { }, cancellation);
        }, done::add);
        Job job = WaitForAsyncUtils.asyncFx(() -> queue.submit(spec(CANNOT_CANCEL))).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.getState() == JobState.RUNNING);

        assertFalse(WaitForAsyncUtils.asyncFx(() -> queue.cancel(job)).get(), "Cancel says it cannot");
        assertFalse(job.canBeCancelled());
        gate.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.getState().isFinished());

        assertEquals(JobState.DONE, job.getState());
        assertEquals(List.of(job), done, "the results that were paid for arrive");
    }

    @Test
    void aJobAProviderCannotStopCanStillBeCancelledBeforeItIsSent(FxRobot robot) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        queue = new JobQueue(stepping(gate), done::add);
        Job job = WaitForAsyncUtils.asyncFx(() -> queue.submit(spec(CANNOT_CANCEL))).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> runs.get() == 1);

        assertTrue(WaitForAsyncUtils.asyncFx(() -> queue.cancel(job)).get(), "still preparing: nothing was billed");
        gate.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.getState() == JobState.CANCELLED);
    }

    @Test
    void onlyTheLatestFailedJobsKeepTheirPhotoCopyForRetry(FxRobot robot) throws Exception {
        queue = new JobQueue((spec, progress, cancellation) -> {
            throw new EngineException(EngineException.Category.NETWORK, "offline");
        }, done::add);
        List<Job> failed = new java.util.ArrayList<>();
        for (int i = 0; i < JobQueue.RETRYABLE_KEPT + 1; i++) {
            failed.add(WaitForAsyncUtils.asyncFx(() -> queue.submit(spec())).get());
        }
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> failed.stream().allMatch(j -> j.getState().isFinished()));
        WaitForAsyncUtils.waitForFxEvents();

        assertNull(failed.get(0).spec(), "the oldest failure let go of its photo copy");
        assertFalse(failed.get(0).inputsKeptProperty().get(), "so the queue offers no Retry for it");
        for (Job job : failed.subList(1, failed.size())) {
            assertTrue(job.inputsKeptProperty().get() && job.spec() != null, "job " + job.number() + " can be retried");
        }
    }
}
