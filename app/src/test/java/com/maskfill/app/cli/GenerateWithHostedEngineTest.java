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
import java.util.Map;
import javax.imageio.ImageIO;
import mockwebserver3.MockResponse;
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

    private WaveSpeedFake wavespeed;

    @BeforeEach
    void startServer() throws Exception {
        byte[] output = png(96, 64);
        wavespeed = new WaveSpeedFake("pred_9", server -> "[\"" + server.url("/out/0.png") + "\"]",
                line -> line.equals("GET /out/0.png") ? new MockResponse.Builder().code(200)
                        .addHeader("Content-Type", "image/png").body(new Buffer().write(output)).build() : null);
    }

    @AfterEach
    void stopServer() {
        wavespeed.close();
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
                wavespeed.root(), "--out", dir.resolve("result.png").toString(), "--json");

        assertEquals(ExitCode.DONE, exit, err.toString());
        BufferedImage result = ImageIO.read(dir.resolve("result.png").toFile());
        assertEquals(800, result.getWidth());
        assertEquals(600, result.getHeight());
        assertEquals(OUT_COLOUR, result.getRGB(410, 300), "the provider's pixels inside the mask");
        assertEquals(photo.getRGB(20, 20), result.getRGB(20, 20), "the source's pixels far from the mask");
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertEquals("pred_9", summary.get("jobId").asText());
        assertEquals(99, summary.get("seed").asLong());

        assertEquals(1, wavespeed.lines().stream().filter(WaveSpeedFake.SUBMIT::equals).count(),
                "the job is submitted exactly once");
        RecordedRequest submit = wavespeed.requests.get(wavespeed.lines().indexOf(WaveSpeedFake.SUBMIT));
        assertEquals("Bearer " + KEY, submit.getHeaders().get("Authorization"));
        JsonNode body = new ObjectMapper().readTree(submit.getBody().utf8());
        assertEquals("a brass door knob", body.get("prompt").asText());
        assertEquals(99, body.get("seed").asLong());
        assertFalse((out + err.toString()).contains(KEY), "the key is never printed");
        assertTrue(err.toString().contains("Uploading"), err.toString());
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
