package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code generate} prints what the job should cost, one line on stderr, before anything is sent to a provider. */
class GeneratePrintsThePriceTest {

    @TempDir
    Path dir;

    private Path image;
    private Path mask;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeInputs() throws Exception {
        image = dir.resolve("photo.png");
        ImageIO.write(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        BufferedImage maskImage = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 220; y < 260; y++) {
            for (int x = 300; x < 360; x++) {
                maskImage.getRaster().setSample(x, y, 0, 255);
            }
        }
        mask = dir.resolve("mask.png");
        ImageIO.write(maskImage, "png", mask.toFile());
    }

    private int run(Map<String, String> environment, String... extra) {
        CommandLine cli = new CommandLine(new MaskfillCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == GenerateCommand.class ? type.cast(new GenerateCommand(() -> environment))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> args = new java.util.ArrayList<>(List.of("generate", "--image", image.toString(), "--mask",
                mask.toString(), "--prompt", "a glass marble", "--seed", "7", "--out", dir.resolve("o.png").toString()));
        args.addAll(List.of(extra));
        return cli.execute(args.toArray(String[]::new));
    }

    /** A provider that refuses the key, noting what stderr held when the first request arrived. */
    private static final class RefusingFake implements AutoCloseable {
        final MockWebServer server = new MockWebServer();
        final List<String> errWhenCalled = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();

        RefusingFake(StringWriter err) throws Exception {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    errWhenCalled.add(err.toString());
                    bodies.add(request.getBody() == null ? "" : request.getBody().utf8());
                    return new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                            .body("{\"detail\":\"Invalid key\"}").build();
                }
            });
            server.start();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    @Test
    void aPerImagePriceIsPrintedBeforeTheSubmission() throws Exception {
        try (RefusingFake fake = new RefusingFake(err)) {
            run(Map.of("BFL_API_KEY", "bfl-key-123"), "--engine", "bfl", "--endpoint", fake.server.url("/").toString());

            assertEquals(1, fake.errWhenCalled.size(), err.toString());
            String before = fake.errWhenCalled.get(0);
            assertTrue(before.contains("Price: ≈ 0.05 USD for 1 image" + System.lineSeparator()), before);
            assertEquals(1, err.toString().lines().filter(l -> l.startsWith("Price:")).count(), "one line");
        }
    }

    @Test
    void aPerMegapixelPriceNamesTheSizeThatWillBeSent() throws Exception {
        try (RefusingFake fake = new RefusingFake(err)) {
            run(Map.of("FAL_KEY", "fal-key-123"), "--engine", "fal-pro", "--num-images", "2", "--endpoint",
                    fake.server.url("/").toString());

            String before = fake.errWhenCalled.get(0);
            Pattern line = Pattern.compile("^Price: ≈ 0\\.(10|20) USD for 2 images of \\d+×\\d+ px$", Pattern.MULTILINE);
            assertTrue(line.matcher(before).find(), before);
        }
    }

    @Test
    void anEngineWithoutAPriceSaysItIsUnknown() {
        int exit = run(Map.of(), "--engine", "test-fill", "--steps", "4");

        assertEquals(ExitCode.DONE, exit, err.toString());
        assertTrue(err.toString().contains("Price: price unknown" + System.lineSeparator()), err.toString());
    }

    @Test
    void aJobDearerThanMaxPriceIsRefusedBeforeAnythingIsSent() throws Exception {
        try (RefusingFake fake = new RefusingFake(err)) {
            int exit = run(Map.of("BFL_API_KEY", "bfl-key-123"), "--engine", "bfl", "--max-price", "0.04",
                    "--endpoint", fake.server.url("/").toString());

            assertEquals(ExitCode.INVALID_INPUT, exit, err.toString());
            assertEquals(0, fake.errWhenCalled.size(), "no request reached the provider");
            assertTrue(err.toString().contains("the estimate ≈ 0.05 USD for 1 image is above --max-price 0.04 USD. "
                    + "Nothing was sent."), err.toString());
        }
    }

    @Test
    void anUnknownPriceIsRefusedWhenMaxPriceIsGiven() {
        int exit = run(Map.of(), "--engine", "test-no-price", "--steps", "4", "--max-price", "1",
                "--option", TestEngines.TAG + "=max-price-unknown");

        assertEquals(ExitCode.INVALID_INPUT, exit, err.toString());
        assertTrue(err.toString().contains("the price is unknown"), err.toString());
        assertEquals(0, TestEngines.count("max-price-unknown", "submitted"), "nothing sent");
    }

    @Test
    void aJobWithinMaxPriceIsSent() {
        int exit = run(Map.of(), "--engine", "test-priced", "--steps", "4", "--num-images", "2", "--max-price",
                "0.10 USD", "--option", TestEngines.TAG + "=max-price-within");

        assertEquals(ExitCode.DONE, exit, err.toString());
        assertEquals(1, TestEngines.count("max-price-within", "submitted"));
    }

    @Test
    void maxPriceMustBeAnAmount() {
        int exit = run(Map.of(), "--engine", "test-priced", "--max-price", "cheap", "--option",
                TestEngines.TAG + "=max-price-words");

        assertEquals(ExitCode.INVALID_INPUT, exit);
        assertTrue(err.toString().contains("--max-price: \"cheap\" is not an amount"), err.toString());
        assertEquals(0, TestEngines.count("max-price-words", "created"), "refused before the engine was made");
    }

    @Test
    void withoutGuidanceFillProIsSentItsOwnDefaultNotTheDevModels() throws Exception {
        try (RefusingFake fake = new RefusingFake(err)) {
            run(Map.of("BFL_API_KEY", "bfl-key-123"), "--engine", "bfl", "--endpoint", fake.server.url("/").toString());

            assertEquals(1, fake.bodies.size(), err.toString());
            assertEquals(60, new com.fasterxml.jackson.databind.ObjectMapper().readTree(fake.bodies.get(0))
                    .get("guidance").asDouble(), "BFL's documented default");
        }
    }
}
