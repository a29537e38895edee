package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Background work the user was promised (results set aside) reaches the disk even when the program closes. */
@ExtendWith(ApplicationExtension.class)
class BackgroundTasksTest {

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        // The FX toolkit only: a task hands its outcome to the FX thread.
    }

    @Test
    void closingLetsASaveUnderWayFinish() throws Exception {
        BackgroundTasks tasks = new BackgroundTasks();
        Path file = dir.resolve("set-aside.maskfill");
        CountDownLatch started = new CountDownLatch(1);
        tasks.run(() -> {
            started.countDown();
            Thread.sleep(300); // a large project takes a moment to write
            Files.writeString(file, "results");
            return file;
        }, saved -> { }, failure -> { });
        started.await(5, TimeUnit.SECONDS);

        tasks.close();

        assertEquals("results", Files.readString(file));
    }
}
