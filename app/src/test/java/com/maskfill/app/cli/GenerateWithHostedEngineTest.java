package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line against the real WaveSpeed engine (found through ServiceLoader, as the jar finds it) and a
 * local server answering in WaveSpeed's documented shapes (hosted-apis.md §2): --endpoint, the key from the
 * environment, and a result pasted back at full size.
 */
class GenerateWithHostedEngineTest {

    private static final String KEY = "ws-cli-test-key-987";
    private static final int OUT_COLOUR = 0xFF8040C0;

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return answer(request);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            private MockResponse answer(RecordedRequest request) throws Exception {
                synchronized (requests) {
                    requests.add(request);
                }
                String path = request.getUrl().encodedPath();
                if (path.equals("/api/v3/media/upload/binary")) {
                    return json("{\"code\":200,\"message\":\"success\",\"data\":{\"type\":\"image\","
                            + "\"download_url\":\"https://cdn.example.com/in.png\",\"filename\":\"in.png\",\"size\":1}}");
                }
                if (path.equals("/api/v3/wavespeed-ai/flux-fill-dev")) {
                    return json(prediction("created", "[]"));
                }
                if (path.equals("/api/v3/predictions/pred_9/result")) {
                    return json(prediction("completed", "[\"" + server.url("/out/0.png") + "\"]"));
                }
                if (path.equals("/out/0.png")) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "image/png")
                            .body(new Buffer().write(png(96, 64))).build();
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
    void aJobFromTheCommandLineReachesTheProviderAndComesBackPasted() throws Exception {
        Path image = dir.resolve("photo.png");
        BufferedImage photo = new BufferedImage(800, 600, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 800; x++) {
                photo.setRGB(x, y, 0xFF000000 | x % 256 << 8 | y % 256);
            }
        }
        ImageIO.write(photo, "png", image.toFile());
        BufferedImage maskImage = new BufferedImage(800, 600, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 280; y < 320; y++) {
            for (int x = 380; x < 440; x++) {
                maskImage.getRaster().setSample(x, y, 0, 255);
            }
        }
        Path mask = dir.resolve("mask.png");
        ImageIO.write(maskImage, "png", mask.toFile());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MaskfillCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == GenerateCommand.class
                        ? type.cast(new GenerateCommand(() -> Map.of("WAVESPEED_API_KEY", KEY)))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("generate", "--engine", "wavespeed", "--image", image.toString(), "--mask",
                mask.toString(), "--prompt", "a brass door knob", "--seed", "99", "--endpoint",
                server.url("/").toString(), "--out", dir.resolve("result.png").toString(), "--json");

        assertEquals(ExitCode.DONE, exit, err.toString());
        BufferedImage result = ImageIO.read(dir.resolve("result.png").toFile());
        assertEquals(800, result.getWidth());
        assertEquals(600, result.getHeight());
        assertEquals(OUT_COLOUR, result.getRGB(410, 300), "the provider's pixels inside the mask");
        assertEquals(photo.getRGB(20, 20), result.getRGB(20, 20), "the source's pixels far from the mask");
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertEquals("pred_9", summary.get("jobId").asText());
        assertEquals(99, summary.get("seed").asLong());

        RecordedRequest submit;
        synchronized (requests) {
            submit = requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("/flux-fill-dev"))
                    .findFirst().orElseThrow();
            assertEquals(1, requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("/flux-fill-dev"))
                    .count(), "the job is submitted exactly once");
        }
        assertEquals("Bearer " + KEY, submit.getHeaders().get("Authorization"));
        JsonNode body = new ObjectMapper().readTree(submit.getBody().utf8());
        assertEquals("a brass door knob", body.get("prompt").asText());
        assertEquals(99, body.get("seed").asLong());
        assertFalse((out + err.toString()).contains(KEY), "the key is never printed");
        assertTrue(err.toString().contains("Uploading"), err.toString());
    }

    private static String prediction(String status, String outputs) {
        return "{\"code\":200,\"message\":\"success\",\"data\":{\"id\":\"pred_9\",\"model\":\"wavespeed-ai/flux-fill-dev\","
                + "\"outputs\":" + outputs + ",\"urls\":{\"get\":\"\"},\"has_nsfw_contents\":[false],"
                + "\"status\":\"" + status + "\",\"created_at\":\"2026-11-21T14:00:00.000Z\",\"error\":\"\","
                + "\"timings\":{\"inference\":1800}}}";
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static byte[] png(int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, OUT_COLOUR);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
