package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobQueue;
import com.maskfill.app.jobs.TestJobs;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressEvent;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The queue panel in a real window, over a queue whose job runs until the test ends it. */
@ExtendWith(ApplicationExtension.class)
class QueuePanelTest {

    private static final EngineChoice ENGINE = new EngineChoice("fake", "Fake",
            Capabilities.builder().cancellable(true).build());

    private final CountDownLatch finish = new CountDownLatch(1);
    private JobQueue queue;

    @Start
    void start(Stage stage) {
        queue = new JobQueue((spec, progress, cancellation) -> {
            progress.onProgress(ProgressEvent.preparing("Loading the transformer"));
            try {
                finish.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw EngineException.cancelled();
        }, job -> { });
        stage.setScene(new Scene(new QueuePanel(queue, queue::cancel), 320, 240));
        stage.show();
    }

    @AfterEach
    void close() {
        finish.countDown();
        queue.close();
    }

    private static ListCell<?> cellOf(FxRobot robot, Job job) {
        return robot.lookup(".list-cell").queryAllAs(ListCell.class).stream().filter(c -> c.getItem() == job)
                .findFirst().orElseThrow();
    }

    /** The tooltip a node shows, however it was installed. */
    private static Tooltip tooltipOf(ListCell<?> cell) {
        return (Tooltip) cell.getProperties().get("javafx.scene.control.Tooltip");
    }

    @Test
    void aRunningJobKeepsItsTooltipWhileItsElapsedTimeTicks(FxRobot robot) throws Exception {
        Job job = WaitForAsyncUtils.asyncFx(() -> queue.submit(TestJobs.spec(ENGINE, "a teal patch", Map.of())))
                .get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !job.activityProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Tooltip shown = tooltipOf(cellOf(robot, job));
        assertEquals("a teal patch\n\nLoading the transformer", shown.getText());

        Thread.sleep(2300); // two ticks of the clock
        WaitForAsyncUtils.waitForFxEvents();

        ListCell<?> cell = cellOf(robot, job);
        assertSame(shown, tooltipOf(cell), "the same tooltip, so one that is open stays open");
        String elapsed = ((Label) cell.lookup(".job-elapsed")).getText();
        assertTrue(elapsed.matches("0:0[1-3]"), "the elapsed time still ticks: " + elapsed);
    }
}
