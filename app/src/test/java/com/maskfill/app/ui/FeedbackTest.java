package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What the editor tells a designer, read as they see it: notices and the queue's rows, from rendered pixels. */
@ExtendWith(ApplicationExtension.class)
class FeedbackTest {

    /** WCAG AA for normal text. */
    private static final double READABLE = 4.5;
    private static final EngineChoice FAILS = EngineChoice.of(EngineProviders.find("test-provider-fails").orElseThrow());

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        Path config = Files.createTempDirectory(dir, "config");
        window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(FAILS), tasks));
        stage.setWidth(1200);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(800, 500));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    /** The notice's text node once the bar has slid in. */
    private Node noticeText(FxRobot robot, String expected) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.shownNotice().equals(expected));
        Thread.sleep(700); // the bar's slide-in
        WaitForAsyncUtils.waitForFxEvents();
        Label label = robot.lookup("#notifications .label").queryAllAs(Label.class).stream()
                .filter(l -> expected.equals(l.getText())).findFirst().orElseThrow();
        return label.lookup(".text");
    }

    @Test
    void informationAndErrorNoticesAreReadable(FxRobot robot) throws Exception {
        String info = "Job #2 done: 1 result(s). ← → to browse, Enter applies, Del discards.";
        robot.interact(() -> window.editor().info(info));
        double infoContrast = RenderedContrast.of(noticeText(robot, info));

        String error = "The mask is empty: paint the area to fill first.";
        robot.interact(() -> window.editor().error(error));
        double errorContrast = RenderedContrast.of(noticeText(robot, error));

        assertTrue(infoContrast >= READABLE, "information text on its bar: " + infoContrast + ":1");
        assertTrue(errorContrast >= READABLE, "error text on its bar: " + errorContrast + ":1");
    }

    @Test
    void aLongErrorWrapsAndIsShownWhole(FxRobot robot) throws Exception {
        String error = "Job #1 failed: The local engine is missing the FLUX.1 Fill [dev] weights: download them from "
                + "the Hugging Face repo black-forest-labs/FLUX.1-Fill-dev (accept its licence first) and set model-dir "
                + "to that folder, or set clip-tokenizer to a folder with tokenizer_2/tokenizer.json.";
        robot.interact(() -> window.editor().error(error));
        Text shown = (Text) noticeText(robot, error);

        assertEquals(error, shown.getText(), "not cut with …");
        Node bar = robot.lookup("#notifications .notification-bar").query();
        assertTrue(bar.localToScene(bar.getLayoutBounds()).contains(shown.localToScene(shown.getLayoutBounds())),
                "every line lies on the bar");
        assertTrue(RenderedContrast.of(shown) >= READABLE);
    }

    @Test
    void anErrorStaysUntilClosedAndInformationOnlyCoversItForItsFewSeconds(FxRobot robot) throws Exception {
        robot.interact(() -> window.notices().setInfoVisible(Duration.millis(1200)));
        robot.interact(() -> window.editor().info("Seed 42 copied."));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.shownNotice().isEmpty());

        robot.interact(() -> window.editor().error("Job #1 failed: no credit left."));
        Thread.sleep(2500); // twice as long as information stays
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Job #1 failed: no credit left.", window.shownNotice(), "an error stays");

        robot.interact(() -> window.editor().info("Job #2 done: 1 result(s)."));
        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> window.shownNotice().equals("Job #2 done: 1 result(s)."));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> window.shownNotice().equals("Job #1 failed: no credit left."));
        Thread.sleep(2500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Job #1 failed: no credit left.", window.shownNotice(), "the error is back, and stays");

        robot.clickOn("#notifications .close-button");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.shownNotice().isEmpty());
        robot.interact(() -> window.editor().info("Seed 7 copied."));
        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> window.shownNotice().equals("Seed 7 copied."));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.shownNotice().isEmpty());
        Thread.sleep(500);
        assertEquals("", window.shownNotice(), "a closed error is gone for good");
    }

    @Test
    void aFailedJobRaisesAnErrorInTheProvidersWordsAndARedWrappedRowWithRetryInView(FxRobot robot)
            throws Exception {
        paintMask(robot);
        robot.interact(() -> window.jobSettings().promptProperty().set("a small wooden rowing boat"));
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.jobs().queue().jobs().isEmpty()
                && window.jobs().queue().jobs().get(0).getState() == JobState.FAILED);
        Job job = window.jobs().queue().jobs().get(0);
        String expected = "Job #1 failed: The test provider ended the job as failed (code 1402): could not fetch "
                + "image. Retry is in the queue.";
        Node noticeText = noticeText(robot, expected);
        assertEquals(Notice.Severity.ERROR, window.editor().noticeProperty().get().severity());
        assertTrue(RenderedContrast.of(noticeText) >= READABLE);

        ListView<?> list = robot.lookup("#job-list").queryAs(ListView.class);
        ListCell<?> row = robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() == job).findFirst().orElseThrow();
        int background = RenderedContrast.background(row);
        int r = background >> 16 & 0xFF;
        int g = background >> 8 & 0xFF;
        int b = background & 0xFF;
        assertTrue(r > g + 40 && r > b + 40, String.format("the failed row is red: #%06X", background));

        Label status = (Label) row.lookup(".job-status");
        Text shownStatus = (Text) status.lookup(".text");
        assertEquals("Failed: The test provider ended the job as failed (code 1402)", status.getText());
        assertEquals(status.getText(), shownStatus.getText(), "the whole message is shown, not cut with …");
        assertTrue(status.getHeight() > 1.6 * status.getFont().getSize() * 1.2,
                "it wraps onto a second line at the panel's width: " + status.getHeight());
        assertTrue(RenderedContrast.of(shownStatus) >= READABLE, "and is readable on the red");
        Bounds listBounds = list.localToScene(list.getBoundsInLocal());
        Node retry = row.lookup(".job-retry");
        assertTrue(retry.isVisible() && listBounds.contains(retry.localToScene(retry.getBoundsInLocal())),
                "Retry is in view without scrolling");
        assertTrue(robot.lookup("#job-list .scroll-bar").queryAllAs(ScrollBar.class).stream()
                .noneMatch(s -> s.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && s.isVisible()),
                "nothing to scroll sideways");
        Tooltip tip = (Tooltip) row.getProperties().get("javafx.scene.control.Tooltip");
        assertEquals("The test provider ended the job as failed (code 1402)\n\ncould not fetch image", tip.getText(),
                "hovering the row tells why, not the prompt");
        assertTrue(!row.lookup(".progress-bar").isVisible(), "a finished row shows no progress bar");
    }

    @Test
    void generateLooksLikeTheMainAction(FxRobot robot) throws Exception {
        Button generate = robot.lookup("#generate").queryAs(Button.class);
        int fill = RenderedContrast.background(generate);
        int other = RenderedContrast.background(robot.lookup("#engine-settings").queryAs(Button.class));
        int r = fill >> 16 & 0xFF;
        int b = fill & 0xFF;
        assertTrue(b > r + 80, String.format("filled with the accent blue: #%06X", fill));
        assertTrue(fill != other, "unlike the other buttons");
        assertTrue(RenderedContrast.of(generate.lookup(".text")) >= READABLE, "its label is readable");
    }

    private void paintMask(FxRobot robot) {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 300, 200, 60, 60);
        });
    }
}
