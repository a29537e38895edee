package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command in its own process, interrupted with SIGINT (what Ctrl+C sends) while WaveSpeed is still
 * working on the job: the job is cancelled at the provider, never submitted twice, and the exit code is 130.
 */
@EnabledOnOs(OS.LINUX) // GNU env --default-signal
class CtrlCCancelsAtTheProviderTest {

    private static final String POLL = "GET /api/v3/predictions/pred_7/result";

    @TempDir
    Path dir;

    /** A job that stays "processing" until cancelled. */
    private WaveSpeedFake wavespeed;

    @BeforeEach
    void startServer() throws Exception {
        wavespeed = new WaveSpeedFake("pred_7", server -> "[]", null);
    }

    @AfterEach
    void stopServer() {
        wavespeed.close();
    }

    @Test
    void ctrlCCancelsTheJobAtTheProviderAndExitsWith130() throws Exception {
        BufferedImage photo = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(photo, "png", dir.resolve("photo.png").toFile());
        BufferedImage mask = new BufferedImage(320, 240, BufferedImage.TYPE_BYTE_GRAY);
        mask.getRaster().setSample(160, 120, 0, 255);
        ImageIO.write(mask, "png", dir.resolve("mask.png").toFile());
        // A build started in the background inherits an ignored SIGINT, and a JVM that starts with SIGINT ignored
        // leaves it so; restore the default, as a terminal has it, so the signal reaches the JVM's handler.
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.maskfill.app.Main", "generate",
                "--engine", "wavespeed", "--image", dir.resolve("photo.png").toString(),
                "--mask", dir.resolve("mask.png").toString(), "--prompt", "a bell",
                "--endpoint", wavespeed.root(), "--out", dir.resolve("out.png").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().put("WAVESPEED_API_KEY", "ws-child-key");
        Process child = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!wavespeed.lines().contains(POLL) && System.nanoTime() < deadline
                    && child.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(wavespeed.lines().contains(POLL),
                    "the job was submitted and polled: " + wavespeed.lines() + "\n" + Files.readString(dir.resolve("child.log")));

            // bash's builtin kill: no procps package needed.
            new ProcessBuilder("bash", "-c", "kill -INT " + child.pid()).start().waitFor();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the command ends after Ctrl+C");
        } finally {
            child.destroyForcibly();
        }

        assertEquals(ExitCode.CANCELLED, child.exitValue(), Files.readString(dir.resolve("child.log")));
        assertTrue(wavespeed.lines().contains("DELETE /api/v3/predictions/pred_7"),
                "cancelled at the provider: " + wavespeed.lines());
        assertEquals(1, wavespeed.lines().stream().filter(WaveSpeedFake.SUBMIT::equals).count(), "submitted once");
    }
}
