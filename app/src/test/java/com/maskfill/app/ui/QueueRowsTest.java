package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobQueue;
import com.maskfill.app.jobs.JobRunner;
import com.maskfill.app.jobs.JobSpec;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.jobs.TestJobs;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.pipeline.FillResult;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The queue's rows in a real window: the running job in view, and what Retry does before it costs money. */
@ExtendWith(ApplicationExtension.class)
class QueueRowsTest {

    private static final EngineChoice ENGINE = new EngineChoice("fake", "Fake",
            Capabilities.builder().cancellable(true).build());

    /** What the fake provider does with a new submission; set by each test before it submits. */
    private volatile JobRunner submissions;
    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();
    private JobQueue queue;
    /** Lets a held job end; released for all at the end so closing the queue need not wait. */
    private final Semaphore finish = new Semaphore(0);

    @Start
    void start(Stage stage) {
        queue = new JobQueue(new JobRunner() {
            @Override
            public FillResult run(JobSpec spec, ProgressListener progress, Cancellation cancellation)
                    throws EngineException {
                submitted.incrementAndGet();
                return submissions.run(spec, progress, cancellation);
            }

            @Override
            public FillResult resume(JobSpec spec, SubmittedJob job, ProgressListener progress,
                                     Cancellation cancellation) throws EngineException {
                resumed.incrementAndGet();
                throw new EngineException(EngineException.Category.NETWORK, "still no contact");
            }
        }, job -> { });
        stage.setScene(new Scene(new QueuePanel(queue, queue::cancel), 320, 240));
        stage.show();
    }

    @AfterEach
    void close() {
        finish.release(100);
        queue.close();
    }

    private Job submit(String prompt) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> queue.submit(TestJobs.spec(ENGINE, prompt, Map.of()))).get();
    }

    /** A job whose submission's answer never arrived (the provider may have it, and bill it). */
    private static FillResult unconfirmed(JobSpec spec, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        throw new EngineException(EngineException.Category.NETWORK, "Fake may have received the job, but its answer "
                + "never arrived", null, null, SubmittedJob.unconfirmed("fake", 7));
    }

    private Node retryOf(FxRobot robot, Job job) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.getState() == JobState.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".list-cell").queryAllAs(ListCell.class).stream().filter(c -> c.getItem() == job)
                .findFirst().orElseThrow().lookup(".job-retry");
    }

    @Test
    void retryThatWouldSubmitAgainAsksFirstAndDontSubmitSendsNothing(FxRobot robot) throws Exception {
        submissions = QueueRowsTest::unconfirmed;
        Job first = submit("a teal patch");

        robot.clickOn(retryOf(robot, first));
        ShownDialogs.clickWhenShown(robot, "Don't Submit");
        Thread.sleep(200);
        assertEquals(1, queue.jobs().size(), "no new job");
        assertEquals(1, submitted.get(), "nothing sent again");

        robot.clickOn(retryOf(robot, first));
        ShownDialogs.clickWhenShown(robot, "Submit Again");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> submitted.get() == 2);
        assertEquals(2, queue.jobs().size());
    }

    @Test
    void retryThatFetchesTheAcceptedJobsResultsDoesNotAsk(FxRobot robot) throws Exception {
        submissions = (spec, progress, cancellation) -> {
            throw new EngineException(EngineException.Category.NETWORK, "Lost contact with Fake", null, null,
                    SubmittedJob.accepted("fake", "job-7", 7));
        };
        Job first = submit("a teal patch");

        robot.clickOn(retryOf(robot, first));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> resumed.get() == 1);
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(ShownDialogs.shownButton(robot, "Submit Again").isPresent(), "no question");
        assertEquals(1, submitted.get(), "fetched, not submitted again");
    }

    @Test
    void theRunningJobIsKeptInViewAndFinishedRowsShowNoProgressBar(FxRobot robot) throws Exception {
        submissions = (spec, progress, cancellation) -> {
            progress.onProgress(ProgressEvent.running(1, 3));
            finish.acquireUninterruptibly();
            throw EngineException.cancelled();
        };
        Job[] jobs = new Job[5];
        for (int i = 0; i < jobs.length; i++) {
            jobs[i] = submit("job " + i);
        }
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> jobs[0].getState() == JobState.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(inView(robot, jobs[0]), "the first job runs while four wait: it is the one shown");

        finish.release(2);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> jobs[2].getState() == JobState.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(inView(robot, jobs[2]), "the list follows the running job");

        robot.interact(() -> robot.lookup("#job-list").queryAs(ListView.class).scrollTo(0));
        WaitForAsyncUtils.waitForFxEvents();
        ListCell<?> done = cellOf(robot, jobs[0]);
        assertEquals(JobState.CANCELLED, jobs[0].getState());
        assertFalse(done.lookup(".progress-bar").isVisible(), "a finished job shows no bar");
        assertTrue(cellOf(robot, jobs[2]).lookup(".progress-bar").isVisible(), "the running one does");
    }

    private static ListCell<?> cellOf(FxRobot robot, Job job) {
        return robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() == job && c.isVisible()).findFirst().orElseThrow();
    }

    /** The job's row is laid out, whole, inside the list's visible area. */
    private static boolean inView(FxRobot robot, Job job) {
        ListView<?> list = robot.lookup("#job-list").queryAs(ListView.class);
        Bounds shown = list.localToScene(list.getLayoutBounds());
        return robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() == job && c.isVisible())
                .anyMatch(c -> shown.contains(c.localToScene(c.getLayoutBounds())));
    }
}
