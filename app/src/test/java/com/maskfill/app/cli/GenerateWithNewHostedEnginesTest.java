package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code generate --engine bfl|fal|replicate} end to end: each engine found through ServiceLoader as the jar finds
 * it, pointed at a local fake of its API with {@code --endpoint}, the key from the environment, one submission,
 * and the provider's pixels pasted back into the full-size photo.
 */
class GenerateWithNewHostedEnginesTest {

    private static final int OUT_COLOUR = 0xFF30A0D0;

    @TempDir
    Path dir;

    /** Answers by "METHOD /path" from a table; the table's functions get the server, to name URLs on it. */
    private static final class Fake implements AutoCloseable {
        final MockWebServer server = new MockWebServer();
        final List<String> lines = new CopyOnWriteArrayList<>();

        Fake(Map<String, Function<MockWebServer, MockResponse>> routes) throws Exception {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String line = request.getMethod() + " " + request.getUrl().encodedPath();
                    lines.add(line);
                    Function<MockWebServer, MockResponse> route = routes.get(line);
                    return route != null ? route.apply(server)
                            : new MockResponse.Builder().code(404).body("{\"detail\":\"no route\"}").build();
                }
            });
            server.start();
        }

        String url(String path) {
            return server.url(path).toString();
        }

        long count(String line) {
            return lines.stream().filter(line::equals).count();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse output() {
        try {
            BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    image.setRGB(x, y, OUT_COLOUR);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, "png", bytes);
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "image/png")
                    .body(new Buffer().write(bytes.toByteArray())).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the CLI against {@code fake}; returns the --json summary after checking the pasted result. */
    private JsonNode generate(String engine, String keyName, String key, Fake fake) throws Exception {
        Path image = dir.resolve("photo.png");
        BufferedImage photo = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                photo.setRGB(x, y, 0xFF000000 | x % 256 << 8 | y % 256);
            }
        }
        ImageIO.write(photo, "png", image.toFile());
        BufferedImage maskImage = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 220; y < 260; y++) {
            for (int x = 300; x < 360; x++) {
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
                return type == GenerateCommand.class ? type.cast(new GenerateCommand(() -> Map.of(keyName, key)))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        Path result = dir.resolve(engine + ".png");

        int exit = cli.execute("generate", "--engine", engine, "--image", image.toString(), "--mask", mask.toString(),
                "--prompt", "a glass marble", "--seed", "7", "--steps", "28", "--endpoint", fake.url("/"),
                "--out", result.toString(), "--json");

        assertEquals(ExitCode.DONE, exit, err.toString());
        BufferedImage filled = ImageIO.read(result.toFile());
        assertEquals(640, filled.getWidth());
        assertEquals(OUT_COLOUR, filled.getRGB(330, 240), "the provider's pixels inside the mask");
        assertEquals(photo.getRGB(10, 10), filled.getRGB(10, 10), "the source's pixels far from the mask");
        assertFalse((out + err.toString()).contains(key), "the key is never printed");
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void bflFillsAPhotoFromTheCommandLineAndReportsItsCost() throws Exception {
        try (Fake fake = new Fake(Map.of(
                "POST /v1/flux-pro-1.0-fill", s -> json("{\"id\":\"t-1\",\"polling_url\":\""
                        + s.url("/v1/get_result?id=t-1") + "\",\"cost\":5}"),
                "GET /v1/get_result", s -> json("{\"id\":\"t-1\",\"status\":\"Ready\",\"result\":{\"sample\":\""
                        + s.url("/delivery/sample.png") + "\"}}"),
                "GET /delivery/sample.png", s -> output()))) {
            JsonNode summary = generate("bfl", "BFL_API_KEY", "bfl-cli-key-123", fake);
            assertEquals("t-1", summary.get("jobId").asText());
            assertEquals(0.05, summary.get("cost").get("amount").asDouble());
            assertEquals("USD", summary.get("cost").get("unit").asText());
            assertEquals(1, fake.count("POST /v1/flux-pro-1.0-fill"));
        }
    }

    @Test
    void falFillsAPhotoFromTheCommandLine() throws Exception {
        try (Fake fake = new Fake(Map.of(
                "POST /storage/upload/initiate", s -> json("{\"upload_url\":\"" + s.url("/upload/in.png")
                        + "\",\"file_url\":\"https://v3.fal.media/files/in.png\"}"),
                "PUT /upload/in.png", s -> json("{}"),
                "POST /fal-ai/flux-lora-fill", s -> json("{\"request_id\":\"req-1\",\"status\":\"IN_QUEUE\"}"),
                "GET /fal-ai/flux-lora-fill/requests/req-1/status", s -> json("{\"status\":\"COMPLETED\"}"),
                "GET /fal-ai/flux-lora-fill/requests/req-1", s -> json("{\"images\":[{\"url\":\""
                        + s.url("/media/out.png") + "\"}],\"seed\":7,\"has_nsfw_concepts\":[false]}"),
                "GET /media/out.png", s -> output()))) {
            JsonNode summary = generate("fal", "FAL_KEY", "fal-cli-key:123", fake);
            assertEquals("req-1", summary.get("jobId").asText());
            assertEquals(1, fake.count("POST /fal-ai/flux-lora-fill"));
        }
    }

    @Test
    void replicateFillsAPhotoFromTheCommandLine() throws Exception {
        String prediction = "{\"id\":\"pr-1\",\"status\":\"succeeded\",\"output\":[\"%s\"],\"urls\":{}}";
        try (Fake fake = new Fake(Map.of(
                "POST /v1/files", s -> json("{\"id\":\"f1\",\"urls\":{\"get\":\"https://api.replicate.com/v1/files/f1\"}}"),
                "POST /v1/models/black-forest-labs/flux-fill-dev/predictions",
                s -> json(String.format(prediction, s.url("/delivery/out.png"))),
                "GET /delivery/out.png", s -> output()))) {
            JsonNode summary = generate("replicate", "REPLICATE_API_TOKEN", "r8_cli_token_123", fake);
            assertEquals("pr-1", summary.get("jobId").asText());
            assertEquals(1, fake.count("POST /v1/models/black-forest-labs/flux-fill-dev/predictions"));
        }
    }
}
