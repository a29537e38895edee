package com.maskfill.engine.remote;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * A MockWebServer that answers by route ("POST /api/v3/…") from a script: each route plays its responses
 * in order and repeats the last one. Unscripted routes get 404. Every request is kept for assertions.
 */
public final class ScriptedServer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Deque<MockResponse>> routes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();

    public ScriptedServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (requests) {
                    requests.add(request);
                }
                Deque<MockResponse> script = routes.get(request.getMethod() + " " + request.getUrl().encodedPath());
                if (script == null) {
                    return json(404, "{\"message\":\"no route\"}");
                }
                synchronized (script) {
                    return script.size() > 1 ? script.pollFirst() : script.peekFirst();
                }
            }
        });
        server.start();
    }

    public ScriptedServer on(String method, String path, MockResponse... responses) {
        routes.put(method + " " + path, new ArrayDeque<>(List.of(responses)));
        return this;
    }

    public HttpUrl url(String path) {
        return server.url(path);
    }

    /** The root URL (scheme, host, port) to pass as an endpoint override. */
    public String root() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<RecordedRequest> requests(String method, String path) {
        return requests().stream()
                .filter(r -> r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path))
                .toList();
    }

    public int count(String method, String path) {
        return requests(method, path).size();
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse bytes(String contentType, byte[] body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", contentType)
                .body(new Buffer().write(body)).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
