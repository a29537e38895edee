package com.maskfill.app.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
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

/**
 * Local fakes of Black Forest Labs', fal's and Replicate's APIs answering one job the documented way
 * (../shared/docs/hosted-apis-more.md): for the command line's and the editor's end-to-end tests.
 */
public final class HostedApiFakes {

    /** The colour every fake's output image has. */
    public static final int OUT_COLOUR = 0xFF30A0D0;

    private HostedApiFakes() {
    }

    /** Answers by "METHOD /path" from a table; the table's functions get the server, to name URLs on it. */
    public static final class Fake implements AutoCloseable {
        private final MockWebServer server = new MockWebServer();
        private final List<String> lines = new CopyOnWriteArrayList<>();
        /** The request line that submits a job (and is billed). */
        public final String submit;

        Fake(String submit, Map<String, Function<MockWebServer, MockResponse>> routes) throws Exception {
            this.submit = submit;
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

        public String url(String path) {
            return server.url(path).toString();
        }

        public long count(String line) {
            return lines.stream().filter(line::equals).count();
        }

        /** How often a job was submitted. */
        public long submissions() {
            return count(submit);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** FLUX.1 Fill [pro]: submit, one poll to Ready with the reported cost (5 credits), the sample. */
    public static Fake bfl() throws Exception {
        return new Fake("POST /v1/flux-pro-1.0-fill", Map.of(
                "POST /v1/flux-pro-1.0-fill", s -> json("{\"id\":\"t-1\",\"polling_url\":\""
                        + s.url("/v1/get_result?id=t-1") + "\",\"cost\":5}"),
                "GET /v1/get_result", s -> json("{\"id\":\"t-1\",\"status\":\"Ready\",\"result\":{\"sample\":\""
                        + s.url("/delivery/sample.png") + "\"}}"),
                "GET /delivery/sample.png", s -> output()));
    }

    /** fal's queue: storage upload, submit, status COMPLETED, the result with its image. */
    public static Fake fal() throws Exception {
        return new Fake("POST /fal-ai/flux-lora-fill", Map.of(
                "POST /storage/upload/initiate", s -> json("{\"upload_url\":\"" + s.url("/upload/in.png")
                        + "\",\"file_url\":\"https://v3.fal.media/files/in.png\"}"),
                "PUT /upload/in.png", s -> json("{}"),
                "POST /fal-ai/flux-lora-fill", s -> json("{\"request_id\":\"req-1\",\"status\":\"IN_QUEUE\"}"),
                "GET /fal-ai/flux-lora-fill/requests/req-1/status", s -> json("{\"status\":\"COMPLETED\"}"),
                "GET /fal-ai/flux-lora-fill/requests/req-1", s -> json("{\"images\":[{\"url\":\""
                        + s.url("/media/out.png") + "\"}],\"seed\":7,\"has_nsfw_concepts\":[false]}"),
                "GET /media/out.png", s -> output()));
    }

    /** Replicate: a file upload, a prediction that succeeds at once (Prefer: wait), its output. */
    public static Fake replicate() throws Exception {
        String prediction = "{\"id\":\"pr-1\",\"status\":\"succeeded\",\"output\":[\"%s\"],\"urls\":{}}";
        return new Fake("POST /v1/models/black-forest-labs/flux-fill-dev/predictions", Map.of(
                "POST /v1/files", s -> json("{\"id\":\"f1\",\"urls\":{\"get\":\"https://api.replicate.com/v1/files/f1\"}}"),
                "POST /v1/models/black-forest-labs/flux-fill-dev/predictions",
                s -> json(String.format(prediction, s.url("/delivery/out.png"))),
                "GET /delivery/out.png", s -> output()));
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
}
