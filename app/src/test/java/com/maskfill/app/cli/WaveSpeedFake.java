package com.maskfill.app.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local server answering in WaveSpeed v3's documented shapes (hosted-apis.md §2) for one prediction, for tests
 * of the command line against the real engine. Every request is recorded.
 */
final class WaveSpeedFake implements AutoCloseable {

    static final String SUBMIT = "POST /api/v3/wavespeed-ai/flux-fill-dev";

    final MockWebServer server = new MockWebServer();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final String id;

    /**
     * @param outputs the prediction's output URLs as a JSON array, given the server (empty: still processing)
     * @param extra   answers for other paths ("GET /out/0.png"), or null for 404
     */
    WaveSpeedFake(String id, Function<MockWebServer, String> outputs, Function<String, MockResponse> extra)
            throws Exception {
        this.id = id;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String line = request.getMethod() + " " + request.getUrl().encodedPath();
                if (line.equals("POST /api/v3/media/upload/binary")) {
                    return json("{\"code\":200,\"message\":\"success\",\"data\":{\"type\":\"image\","
                            + "\"download_url\":\"https://cdn.example.com/in.png\",\"filename\":\"in.png\",\"size\":1}}");
                }
                if (line.equals(SUBMIT)) {
                    return json(prediction("created", "[]"));
                }
                if (line.equals("GET /api/v3/predictions/" + id + "/result")) {
                    String urls = outputs.apply(server);
                    return json(prediction(urls.equals("[]") ? "processing" : "completed", urls));
                }
                if (line.equals("DELETE /api/v3/predictions/" + id)) {
                    return json("{\"code\":200,\"message\":\"success\",\"data\":{}}");
                }
                MockResponse answer = extra == null ? null : extra.apply(line);
                return answer != null ? answer
                        : new MockResponse.Builder().code(404).body("{\"code\":404,\"message\":\"not found\"}").build();
            }
        });
        server.start();
    }

    String root() {
        return server.url("/").toString();
    }

    /** "POST /api/v3/..." lines of the requests so far. */
    List<String> lines() {
        return requests.stream().map(r -> r.getMethod() + " " + r.getUrl().encodedPath()).toList();
    }

    private String prediction(String status, String outputs) {
        return "{\"code\":200,\"message\":\"success\",\"data\":{\"id\":\"" + id + "\",\"model\":"
                + "\"wavespeed-ai/flux-fill-dev\",\"outputs\":" + outputs + ",\"urls\":{\"get\":\"\"},"
                + "\"has_nsfw_contents\":[false],\"status\":\"" + status + "\",\"created_at\":"
                + "\"2026-11-21T14:00:00.000Z\",\"error\":\"\",\"timings\":{\"inference\":1800}}}";
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
