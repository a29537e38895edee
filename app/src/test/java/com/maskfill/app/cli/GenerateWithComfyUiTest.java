package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code generate --engine comfyui} against two servers answering as ComfyUI does (hosted-apis-more.md §4), each
 * finishing a prompt at once: the real engine found through ServiceLoader, the images spread over both servers.
 */
class GenerateWithComfyUiTest {

    private static final int OUT_COLOUR = 0xFF3050E0;

    @TempDir
    Path dir;

    private final List<Server> servers = new CopyOnWriteArrayList<>();

    /** A ComfyUI that runs each prompt as soon as it is queued. */
    private static final class Server {
        final MockWebServer http = new MockWebServer();
        final List<JsonNode> prompts = new CopyOnWriteArrayList<>();

        Server(byte[] output) throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            http.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String path = request.getUrl().encodedPath();
                    try {
                        if (path.startsWith("/object_info/")) {
                            return json("{\"UNETLoader\":{\"input\":{\"required\":{\"unet_name\":[[\"flux1-fill-dev"
                                    + ".safetensors\"]]}}},\"DualCLIPLoader\":{\"input\":{\"required\":{\"clip_name1\":"
                                    + "[[\"clip_l.safetensors\",\"t5xxl_fp16.safetensors\"]]}}},\"VAELoader\":{\"input\":"
                                    + "{\"required\":{\"vae_name\":[[\"ae.safetensors\"]]}}}}");
                        }
                        if (path.equals("/upload/image")) {
                            return json("{\"name\":\"in.png\",\"subfolder\":\"\",\"type\":\"input\"}");
                        }
                        if (path.equals("/prompt")) {
                            prompts.add(mapper.readTree(request.getBody().utf8()).get("prompt"));
                            return json("{\"prompt_id\":\"p" + prompts.size() + "\",\"number\":1,\"node_errors\":{}}");
                        }
                        if (path.equals("/queue")) {
                            return json("{\"queue_running\":[],\"queue_pending\":[]}");
                        }
                        if (path.startsWith("/history/")) {
                            String id = path.substring("/history/".length());
                            return json("{\"" + id + "\":{\"outputs\":{\"13\":{\"images\":[{\"filename\":\"" + id
                                    + ".png\",\"subfolder\":\"\",\"type\":\"output\"}]}},\"status\":{\"status_str\":"
                                    + "\"success\",\"completed\":true,\"messages\":[]}}}");
                        }
                        if (path.equals("/view")) {
                            return new MockResponse.Builder().code(200).addHeader("Content-Type", "image/png")
                                    .body(new Buffer().write(output)).build();
                        }
                    } catch (Exception e) {
                        return new MockResponse.Builder().code(500).body(e.toString()).build();
                    }
                    return new MockResponse.Builder().code(404).build();
                }
            });
            http.start();
        }

        String root() {
            return http.url("/").toString();
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    @BeforeEach
    void startServers() throws Exception {
        BufferedImage out = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                out.setRGB(x, y, OUT_COLOUR);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(out, "png", png);
        servers.add(new Server(png.toByteArray()));
        servers.add(new Server(png.toByteArray()));
    }

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.http.close());
    }

    private int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new MaskfillCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == GenerateCommand.class ? type.cast(new GenerateCommand(Map::of))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private String[] job(String endpoint, String engine) throws Exception {
        BufferedImage photo = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(photo, "png", dir.resolve("photo.png").toFile());
        BufferedImage mask = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 200; y < 260; y++) {
            for (int x = 300; x < 380; x++) {
                mask.getRaster().setSample(x, y, 0, 255);
            }
        }
        ImageIO.write(mask, "png", dir.resolve("mask.png").toFile());
        return new String[] {"generate", "--engine", engine, "--image", dir.resolve("photo.png").toString(),
            "--mask", dir.resolve("mask.png").toString(), "--prompt", "a lantern", "--seed", "7", "--num-images",
            "2", "--endpoint", endpoint, "--out", dir.resolve("out.png").toString()};
    }

    @Test
    void aJobFromTheCommandLineIsSharedByTwoComfyUiServers() throws Exception {
        StringWriter err = new StringWriter();

        int exit = run(err, job(servers.get(0).root() + "," + servers.get(1).root(), "comfyui"));

        assertEquals(ExitCode.DONE, exit, err.toString());
        assertEquals(1, servers.get(0).prompts.size(), "one image per idle server");
        assertEquals(1, servers.get(1).prompts.size());
        assertEquals("a lantern", servers.get(0).prompts.get(0).path("6").path("inputs").path("text").asText());
        assertEquals(7, servers.get(0).prompts.get(0).path("11").path("inputs").path("seed").asLong());
        assertEquals(8, servers.get(1).prompts.get(0).path("11").path("inputs").path("seed").asLong());
        for (String name : List.of("out-1.png", "out-2.png")) {
            assertEquals(OUT_COLOUR, ImageIO.read(dir.resolve(name).toFile()).getRGB(340, 230), name);
        }
    }

    @Test
    void severalEndpointsForAnEngineWithOneBaseUrlAreAUsageError() throws Exception {
        StringWriter err = new StringWriter();

        int exit = run(err, job(servers.get(0).root() + "," + servers.get(1).root(), "wavespeed"));

        assertEquals(ExitCode.INVALID_INPUT, exit);
        assertTrue(err.toString().contains("--endpoint takes one URL for the engine wavespeed"), err.toString());
    }
}
