package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code generate --engine bfl|fal|replicate} end to end: each engine found through ServiceLoader as the jar finds
 * it, pointed at a local fake of its API with {@code --endpoint}, the key from the environment, one submission,
 * and the provider's pixels pasted back into the full-size photo.
 */
class GenerateWithNewHostedEnginesTest {

    @TempDir
    Path dir;

    /** Runs the CLI against {@code fake}; returns the --json summary after checking the pasted result. */
    private JsonNode generate(String engine, String keyName, String key, HostedApiFakes.Fake fake) throws Exception {
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
        assertEquals(HostedApiFakes.OUT_COLOUR, filled.getRGB(330, 240), "the provider's pixels inside the mask");
        assertEquals(photo.getRGB(10, 10), filled.getRGB(10, 10), "the source's pixels far from the mask");
        assertFalse((out + err.toString()).contains(key), "the key is never printed");
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void bflFillsAPhotoFromTheCommandLineAndReportsItsCost() throws Exception {
        try (HostedApiFakes.Fake fake = HostedApiFakes.bfl()) {
            JsonNode summary = generate("bfl", "BFL_API_KEY", "bfl-cli-key-123", fake);
            assertEquals("t-1", summary.get("jobId").asText());
            assertEquals(0.05, summary.get("cost").get("amount").asDouble());
            assertEquals("USD", summary.get("cost").get("unit").asText());
            assertEquals(1, fake.submissions());
        }
    }

    @Test
    void falFillsAPhotoFromTheCommandLine() throws Exception {
        try (HostedApiFakes.Fake fake = HostedApiFakes.fal()) {
            JsonNode summary = generate("fal", "FAL_KEY", "fal-cli-key:123", fake);
            assertEquals("req-1", summary.get("jobId").asText());
            assertEquals(1, fake.submissions());
        }
    }

    @Test
    void replicateFillsAPhotoFromTheCommandLine() throws Exception {
        try (HostedApiFakes.Fake fake = HostedApiFakes.replicate()) {
            JsonNode summary = generate("replicate", "REPLICATE_API_TOKEN", "r8_cli_token_123", fake);
            assertEquals("pr-1", summary.get("jobId").asText());
            assertEquals(1, fake.submissions());
        }
    }
}
