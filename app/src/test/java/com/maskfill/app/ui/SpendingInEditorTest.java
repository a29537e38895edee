package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.cli.TestEngines;
import com.maskfill.app.jobs.Job;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.AppSettings;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What jobs cost, in the real window: the queue row's cost, today's total (kept in the settings, emptied at midnight
 * and by Reset), and the question a price limit asks before a dearer job is sent.
 */
@ExtendWith(ApplicationExtension.class)
class SpendingInEditorTest {

    /** 0.05 USD per image documented; reports 0.04 USD per image. */
    private static final EngineChoice PRICED = EngineChoice.of(EngineProviders.find("test-priced").orElseThrow());
    /** 0.05 USD per image documented; reports nothing. */
    private static final EngineChoice SILENT = EngineChoice.of(
            EngineProviders.find("test-priced-silent").orElseThrow());
    /** No documented price. */
    private static final EngineChoice UNPRICED = EngineChoice.of(EngineProviders.find("test-no-price").orElseThrow());
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;
    private Path config;
    private String tag;
    /** The editor's clock: 23:59:30 local time until a test moves it. */
    private final MovableClock clock = new MovableClock(
            LocalDateTime.of(2026, 12, 3, 23, 59, 30).atZone(ZONE).toInstant(), ZONE);

    /** A clock a test moves by hand. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;
        private final ZoneId zone;

        MovableClock(Instant now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new MovableClock(now, other);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        config = Files.createTempDirectory(dir, "config");
        tag = config.getFileName().toString();
        // Each engine's jobs are counted under this test's tag, passed as an engine option from the settings.
        AppSettings saved = new AppSettings();
        for (EngineChoice engine : List.of(PRICED, SILENT, UNPRICED)) {
            saved.engineOptions.put(engine.id(), Map.of(TestEngines.TAG, tag));
        }
        new SettingsStore(config).save(saved);
        window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(PRICED, SILENT, UNPRICED), tasks, clock));
        stage.setWidth(1200);
        stage.setHeight(860);
        window.show();
        window.editor().openPasted(TestImages.quadrants(800, 500));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    private void paintMask(FxRobot robot) {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 300, 200, 60, 60);
        });
    }

    /** Generate on {@code engine} with {@code images} images; returns the finished job. */
    private Job generate(FxRobot robot, EngineChoice engine, int images) throws Exception {
        paintMask(robot);
        int before = window.jobs().queue().jobs().size();
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(engine);
            window.jobSettings().imageCountProperty().set(images);
            window.jobSettings().promptProperty().set("a teal patch");
        });
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().queue().jobs().size() > before
                && window.jobs().queue().jobs().get(before).getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();
        return window.jobs().queue().jobs().get(before);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** The cost label of the queue's row for {@code job}. */
    private static String rowCost(FxRobot robot, Job job) {
        return robot.lookup(".job-cost").queryAllAs(Label.class).stream()
                .filter(l -> l.getParent() != null && l.getParent().getChildrenUnmodifiable().stream()
                        .anyMatch(n -> n instanceof Label t && t.getText().startsWith("#" + job.number() + " ")))
                .map(Label::getText).findFirst().orElseThrow(() -> new AssertionError("no row for job " + job.number()));
    }

    /** Switches the price limit on in its dialog, with {@code amount} typed (null: the amount offered). */
    private static void setLimit(FxRobot robot, String amount) throws Exception {
        robot.clickOn("#price-limit");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#price-ceiling-on").tryQuery().isPresent());
        robot.clickOn("#price-ceiling-on");
        if (amount != null) {
            robot.clickOn("#price-ceiling").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                    .write(amount);
        }
        ShownDialogs.clickWhenShown(robot, "Close");
    }

    private AppSettings savedSettings() {
        return new SettingsStore(config).load();
    }

    @Test
    void theQueueRowShowsTheCostTheProviderReported(FxRobot robot) throws Exception {
        Job job = generate(robot, PRICED, 2);

        assertEquals("0.08 USD", rowCost(robot, job));
    }

    @Test
    void whereTheProviderReportsNoCostTheRowShowsTheEstimateMarkedAsOne(FxRobot robot) throws Exception {
        Job job = generate(robot, SILENT, 1);

        assertEquals("≈ 0.05 USD (estimate)", rowCost(robot, job));
    }

    @Test
    void todaysTotalAddsEachJobsCostKeepsItInTheSettingsAndResets(FxRobot robot) throws Exception {
        assertEquals("Today: nothing spent", text(robot, "#daily-total"));

        generate(robot, PRICED, 1);
        assertEquals("Today: 0.04 USD", text(robot, "#daily-total"));
        generate(robot, SILENT, 2);
        assertEquals("Today: ≈ 0.14 USD", text(robot, "#daily-total"), "0.04 reported + 0.10 estimated");
        generate(robot, UNPRICED, 1);
        assertEquals("Today: ≈ 0.14 USD", text(robot, "#daily-total"), "an unknown price adds nothing");
        AppSettings.DaySpend kept = savedSettings().spend;
        assertEquals("2026-12-03", kept.day());
        assertEquals(0, new BigDecimal("0.14").compareTo(kept.totals().get("USD")), kept.toString());

        robot.clickOn("#reset-daily-total");

        assertEquals("Today: nothing spent", text(robot, "#daily-total"));
        assertEquals(null, savedSettings().spend, "the reset is kept too");
    }

    @Test
    void theTotalStartsAfreshAtLocalMidnight(FxRobot robot) throws Exception {
        generate(robot, PRICED, 1);
        assertEquals("Today: 0.04 USD", text(robot, "#daily-total"));

        clock.advance(Duration.ofSeconds(40)); // 00:00:10 on 4 December, Berlin time
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#daily-total").equals("Today: nothing spent"));

        generate(robot, PRICED, 2);
        assertEquals("Today: 0.08 USD", text(robot, "#daily-total"));
        assertEquals("2026-12-04", savedSettings().spend.day());
    }

    @Test
    void aJobDearerThanTheLimitIsSentOnlyWhenTheUserSaysSo(FxRobot robot) throws Exception {
        paintMask(robot);
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(PRICED);
            window.jobSettings().imageCountProperty().set(4);
            window.jobSettings().promptProperty().set("a teal patch");
        });
        assertEquals("Limit: off", robot.lookup("#price-limit").queryAs(Hyperlink.class).getText(), "off by default");
        setLimit(robot, "0.15");
        assertEquals("0.15 USD", savedSettings().maxJobPrice, "the limit is kept at once");
        assertEquals("Limit: 0.15 USD", robot.lookup("#price-limit").queryAs(Hyperlink.class).getText());

        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ShownDialogs.shownButton(robot, "Don't Send").isPresent());
        String question = robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(p -> p.getScene() != null && p.getScene().getWindow().isShowing())
                .map(DialogPane::getContentText).findFirst().orElseThrow();
        assertTrue(question.contains("≈ 0.20 USD for 4 images") && question.contains("0.15 USD"), question);
        ShownDialogs.clickWhenShown(robot, "Don't Send");

        assertTrue(window.jobs().queue().jobs().isEmpty(), "nothing queued");
        Thread.sleep(300);
        assertEquals(0, TestEngines.count(tag, "submitted"), "nothing sent");

        robot.interact(() -> window.jobSettings().imageCountProperty().set(2)); // 0.10: within the limit
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestEngines.count(tag, "submitted") == 1);
        assertTrue(ShownDialogs.shownButton(robot, "Don't Send").isEmpty(), "not asked");
    }

    @Test
    void withALimitAJobOfUnknownPriceIsAskedAbout(FxRobot robot) throws Exception {
        paintMask(robot);
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(UNPRICED);
            window.jobSettings().promptProperty().set("a teal patch");
        });
        setLimit(robot, null);

        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ShownDialogs.shownButton(robot, "Send Job").isPresent());
        String question = robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(p -> p.getScene() != null && p.getScene().getWindow().isShowing())
                .map(DialogPane::getContentText).findFirst().orElseThrow();
        assertTrue(question.contains("price is unknown") && question.contains("0.10 USD"), question);
        ShownDialogs.clickWhenShown(robot, "Send Job");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestEngines.count(tag, "submitted") == 1);
        assertEquals(1, window.jobs().queue().jobs().size());
    }
}
