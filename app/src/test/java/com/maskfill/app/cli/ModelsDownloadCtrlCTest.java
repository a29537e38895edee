package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code maskfill models download} in its own process, interrupted with SIGINT (Ctrl+C) half-way through a file:
 * exit code 130, the partial file kept under its .incomplete name (never the final one), and the next run resumes it.
 */
@EnabledOnOs(OS.LINUX) // GNU env --default-signal
class ModelsDownloadCtrlCTest {

    private static final String FLUX = "flux1-fill-dev.safetensors";

    @TempDir
    Path home;

    private FakeHubServer hub;
    private byte[] weights;

    @BeforeEach
    void start() throws Exception {
        weights = new byte[3_000_000];
        new Random(3).nextBytes(weights);
        hub = new FakeHubServer().file(FLUX, weights);
        hub.slow = true;
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void ctrlCMidFileExitsWith130KeepsThePartialFileAndTheNextRunResumesIt() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.maskfill.app.Main", "models", "download",
                "--files", FLUX)
                .redirectErrorStream(true).redirectOutput(home.resolve("child.log").toFile());
        builder.environment().put("HF_ENDPOINT", hub.endpoint());
        builder.environment().put("HF_HOME", home.toString());
        builder.environment().put("HF_TOKEN", FakeHubServer.TOKEN);
        Path blobs = home.resolve("hub/models--black-forest-labs--FLUX.1-Fill-dev/blobs");
        Path partial = blobs.resolve(FakeHubServer.sha256(weights) + ".incomplete");
        Process child = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(partial) && Files.size(partial) > 100_000) && System.nanoTime() < deadline
                    && child.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(partial), "the download started: " + Files.readString(home.resolve("child.log")));
            new ProcessBuilder("bash", "-c", "kill -INT " + child.pid()).start().waitFor();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the command ends after Ctrl+C");
        } finally {
            child.destroyForcibly();
        }

        String log = Files.readString(home.resolve("child.log"));
        assertEquals(ExitCode.CANCELLED, child.exitValue(), log);
        long kept = Files.size(partial);
        assertTrue(kept > 0 && kept < weights.length, "partial " + kept + ": " + log);
        Path snapshot = home.resolve("hub/models--black-forest-labs--FLUX.1-Fill-dev/snapshots")
                .resolve(FakeHubServer.COMMIT);
        assertFalse(Files.exists(snapshot.resolve(FLUX)), "an incomplete file never has its final name");
        assertFalse(Files.exists(blobs.resolve(FakeHubServer.sha256(weights))));

        hub.slow = false;
        int requestsBefore = hub.cdnRequests.size();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MaskfillCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ModelsCommand.class ? type.cast(new ModelsCommand(() -> Map.of("HF_ENDPOINT",
                        hub.endpoint(), "HF_HOME", home.toString(), "HF_TOKEN", FakeHubServer.TOKEN)))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("models", "download", "--files", FLUX), err.toString());
        assertTrue(err.toString().contains("resumes at"), err.toString());
        String range = hub.cdnRequests.get(hub.cdnRequests.size() - 1).getHeaders().get("Range");
        assertTrue(hub.cdnRequests.size() > requestsBefore && range != null && range.startsWith("bytes="),
                "resumed with a Range request: " + range);
        assertArrayEquals(weights, Files.readAllBytes(snapshot.resolve(FLUX)));
    }
}
