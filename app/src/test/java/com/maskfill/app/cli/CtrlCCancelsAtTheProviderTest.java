package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String line = request.getMethod() + " " + request.getUrl().encodedPath();
                requests.add(line);
                if (line.equals("POST /api/v3/media/upload/binary")) {
                    return json("{\"code\":200,\"message\":\"success\",\"data\":{\"type\":\"image\","
                            + "\"download_url\":\"https://cdn.example.com/in.png\",\"filename\":\"in.png\",\"size\":1}}");
                }
                if (line.equals("POST /api/v3/wavespeed-ai/flux-fill-dev")
                        || line.equals("GET /api/v3/predictions/pred_7/result")) {
                    return json("{\"code\":200,\"message\":\"success\",\"data\":{\"id\":\"pred_7\",\"outputs\":[],"
                            + "\"urls\":{\"get\":\"\"},\"has_nsfw_contents\":[],\"status\":\"processing\","
                            + "\"created_at\":\"2026-11-21T14:00:00.000Z\",\"error\":\"\",\"timings\":{}}}");
                }
                if (line.equals("DELETE /api/v3/predictions/pred_7")) {
                    return json("{\"code\":200,\"message\":\"success\",\"data\":{}}");
                }
                return new MockResponse.Builder().code(404).body("{\"code\":404,\"message\":\"not found\"}").build();
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
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
                "--endpoint", server.url("/").toString(), "--out", dir.resolve("out.png").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().put("WAVESPEED_API_KEY", "ws-child-key");
        Process child = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!requests.contains("GET /api/v3/predictions/pred_7/result") && System.nanoTime() < deadline
                    && child.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(requests.contains("GET /api/v3/predictions/pred_7/result"),
                    "the job was submitted and polled: " + requests + "\n" + Files.readString(dir.resolve("child.log")));

            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the command ends after Ctrl+C");
        } finally {
            child.destroyForcibly();
        }

        assertEquals(ExitCode.CANCELLED, child.exitValue(), Files.readString(dir.resolve("child.log")));
        assertTrue(requests.contains("DELETE /api/v3/predictions/pred_7"), "cancelled at the provider: " + requests);
        assertEquals(1, requests.stream().filter(r -> r.equals("POST /api/v3/wavespeed-ai/flux-fill-dev")).count(),
                "submitted once");
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
}
