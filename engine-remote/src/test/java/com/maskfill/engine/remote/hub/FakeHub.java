package com.maskfill.engine.remote.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * A Hugging Face Hub as the documented one behaves (model-download.md §1): the revision and tree API (paged with
 * {@code Link: rel="next"}), resolve URLs that answer LFS files with a 302 to a second server standing for the CDN
 * (signed query, its own strong ETag), small files served directly, {@code Range} and {@code If-Range} honoured, and
 * a gated repository answering 401/403 with {@code X-Error-Code: GatedRepo}. Faults can be queued per file.
 */
final class FakeHub implements AutoCloseable {

    static final String REPO = "black-forest-labs/FLUX.1-Fill-dev";
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final String TOKEN = "hf_FakeTokenForTests0123456789abcd";

    /** What the next download of a file does instead of behaving. */
    enum Fault { DROP_MID_BODY, IGNORE_RANGE, ANSWER_416, CORRUPT_BYTE, SLOW }

    final MockWebServer hub = new MockWebServer();
    final MockWebServer cdn = new MockWebServer();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    final List<RecordedRequest> hubRequests = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> cdnRequests = new CopyOnWriteArrayList<>();
    /** Null: not gated. Else only this token may download files. */
    volatile String acceptedToken;
    /** Tokens that are valid but whose account has not accepted the licence. */
    volatile String unacceptedToken;
    int pageSize = 4;
    /** Not 0: every Hub request is answered with this status (a Hub in trouble). */
    volatile int failWith;

    FakeHub() throws IOException {
        hub.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                hubRequests.add(request);
                return answerHub(request);
            }
        });
        cdn.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                cdnRequests.add(request);
                return answerCdn(request);
            }
        });
        hub.start();
        cdn.start();
    }

    FakeHub file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    FakeHub fault(String path, Fault... next) {
        faults.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(next));
        return this;
    }

    String endpoint() {
        String url = hub.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    byte[] content(String path) {
        return files.get(path);
    }

    static boolean lfs(String path) {
        return path.endsWith(".safetensors");
    }

    static String sha256(byte[] b) {
        return hex("SHA-256", b);
    }

    static String gitOid(byte[] b) {
        byte[] header = ("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + b.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(b, 0, all, header.length, b.length);
        return hex("SHA-1", all);
    }

    private static String hex(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<RecordedRequest> cdnRequestsFor(String path) {
        String sha = sha256(files.get(path));
        return cdnRequests.stream().filter(r -> r.getUrl().encodedPath().endsWith(sha)).toList();
    }

    private MockResponse answerHub(RecordedRequest r) {
        if (failWith != 0) {
            return new MockResponse.Builder().code(failWith).body("upstream trouble").build();
        }
        String path = r.getUrl().encodedPath();
        String api = "/api/models/" + REPO + "/";
        if (path.equals(api + "revision/main") || path.equals(api + "revision/" + COMMIT)) {
            return json("{\"id\":\"" + REPO + "\",\"sha\":\"" + COMMIT + "\",\"gated\":\"manual\"}");
        }
        if (path.equals(api + "tree/" + COMMIT)) {
            return tree(r);
        }
        String resolve = "/" + REPO + "/resolve/" + COMMIT + "/";
        if (path.startsWith(resolve)) {
            String file = path.substring(resolve.length());
            byte[] content = files.get(file);
            if (content == null) {
                return error(404, "EntryNotFound", "Entry not found");
            }
            MockResponse refused = gate(r);
            if (refused != null) {
                return refused;
            }
            if (lfs(file)) {
                return new MockResponse.Builder().code(302)
                        .addHeader("Location", cdn.url("/repos/" + sha256(content)) + "?X-Amz-Signature=abc")
                        .addHeader("X-Repo-Commit", COMMIT).addHeader("X-Linked-Etag", "\"" + sha256(content) + "\"")
                        .addHeader("X-Linked-Size", content.length).build();
            }
            return serve(r, file, content, "\"" + gitOid(content) + "\"");
        }
        if (path.startsWith("/" + REPO + "/resolve/main/")) {
            throw new AssertionError("files must be fetched by commit, not by branch: " + path);
        }
        return error(404, "RepoNotFound", "Repository not found");
    }

    private MockResponse gate(RecordedRequest r) {
        if (acceptedToken == null) {
            return null;
        }
        String auth = r.getHeaders().get("Authorization");
        if (auth == null) {
            return error(401, "GatedRepo", "Access to model " + REPO + " is restricted. You must have access to it and"
                    + " be authenticated to access it. Please log in.");
        }
        if (auth.equals("Bearer " + unacceptedToken)) {
            return error(403, "GatedRepo", "Access to model " + REPO + " is restricted and you are not in the "
                    + "authorized list. Visit https://huggingface.co/" + REPO + " to ask for access.");
        }
        if (!auth.equals("Bearer " + acceptedToken)) {
            return error(401, "", "Invalid credentials in Authorization header");
        }
        return null;
    }

    private MockResponse tree(RecordedRequest r) {
        List<String> entries = new ArrayList<>();
        java.util.Set<String> dirs = new java.util.TreeSet<>();
        files.forEach((path, content) -> {
            for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
                dirs.add(path.substring(0, i));
            }
            String lfs = lfs(path) ? ",\"lfs\":{\"oid\":\"" + sha256(content) + "\",\"size\":" + content.length
                    + ",\"pointerSize\":134}" : "";
            entries.add("{\"type\":\"file\",\"path\":\"" + path + "\",\"size\":" + content.length + ",\"oid\":\""
                    + gitOid(content) + "\"" + lfs + "}");
        });
        dirs.forEach(d -> entries.add(0, "{\"type\":\"directory\",\"path\":\"" + d + "\",\"size\":0,\"oid\":\""
                + gitOid(d.getBytes(StandardCharsets.UTF_8)) + "\"}"));
        List<String> fixed = entries;
        String cursor = r.getUrl().queryParameter("cursor");
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(fixed.size(), from + pageSize);
        MockResponse.Builder b = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("[" + String.join(",", fixed.subList(from, to)) + "]");
        if (to < fixed.size()) {
            b.addHeader("Link", "<" + r.getUrl().newBuilder().setQueryParameter("cursor", "" + to).build()
                    + ">; rel=\"next\"");
        }
        return b.build();
    }

    private MockResponse answerCdn(RecordedRequest r) {
        if (r.getUrl().queryParameter("X-Amz-Signature") == null) {
            return new MockResponse.Builder().code(403).body("unsigned").build();
        }
        String sha = r.getUrl().pathSegments().get(r.getUrl().pathSize() - 1);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (sha256(f.getValue()).equals(sha)) {
                return serve(r, f.getKey(), f.getValue(), "\"cdn-" + sha.substring(0, 12) + "\"");
            }
        }
        return new MockResponse.Builder().code(404).body("no such object").build();
    }

    /** Range and If-Range as RFC 9110 says, unless a fault is queued for this file. */
    private MockResponse serve(RecordedRequest r, String path, byte[] content, String etag) {
        Deque<Fault> queue = faults.get(path);
        Fault fault = queue == null ? null : queue.pollFirst();
        if ("HEAD".equals(r.getMethod())) {
            return new MockResponse.Builder().code(200).addHeader("ETag", etag)
                    .addHeader("Content-Length", content.length).build();
        }
        String range = r.getHeaders().get("Range");
        String ifRange = r.getHeaders().get("If-Range");
        long start = 0;
        boolean partial = false;
        if (range != null && fault != Fault.IGNORE_RANGE && (ifRange == null || ifRange.equals(etag))) {
            start = Long.parseLong(range.replaceAll("bytes=(\\d+)-.*", "$1"));
            if (fault == Fault.ANSWER_416 || start >= content.length) {
                return new MockResponse.Builder().code(416).addHeader("Content-Range", "bytes */" + content.length)
                        .build();
            }
            partial = true;
        }
        byte[] body = java.util.Arrays.copyOfRange(content, (int) start, content.length);
        if (fault == Fault.CORRUPT_BYTE) {
            body[body.length / 2] ^= 0x5A;
        }
        MockResponse.Builder b = new MockResponse.Builder().code(partial ? 206 : 200).addHeader("ETag", etag)
                .addHeader("Accept-Ranges", "bytes").body(new Buffer().write(body));
        if (partial) {
            b.addHeader("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        if (fault == Fault.DROP_MID_BODY) {
            b.onResponseBody(new SocketEffect.CloseSocket());
        }
        if (fault == Fault.SLOW) {
            b.throttleBody(4096, 20, TimeUnit.MILLISECONDS);
        }
        return b.build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse error(int code, String errorCode, String message) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .addHeader("X-Error-Message", message).body("{\"error\":\"" + message + "\"}");
        if (!errorCode.isEmpty()) {
            b.addHeader("X-Error-Code", errorCode);
        }
        return b.build();
    }

    @Override
    public void close() {
        hub.close();
        cdn.close();
    }
}
