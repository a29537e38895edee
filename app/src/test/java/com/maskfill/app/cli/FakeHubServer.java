package com.maskfill.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A small Hugging Face Hub for the command-line tests: revision and tree API, gated resolve URLs (401/403 with
 * {@code X-Error-Code: GatedRepo}), LFS files redirected to a second server standing for the file host, Range
 * honoured. The downloader's own tests (engine-remote) drive the faults; these check the command's words and codes.
 */
public final class FakeHubServer implements AutoCloseable {

    public static final String REPO = "black-forest-labs/FLUX.1-Fill-dev";
    public static final String COMMIT = "fedcba9876543210fedcba9876543210fedcba98";
    public static final String TOKEN = "hf_CliTestToken0123456789abcdefghij";

    private final MockWebServer hub = new MockWebServer();
    private final MockWebServer cdn = new MockWebServer();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    public final List<RecordedRequest> cdnRequests = new CopyOnWriteArrayList<>();
    /** Sends file bodies slowly (about 640 kB/s), so a test can pause a download half-way. */
    public volatile boolean slow;
    /** The file host sends every file with one byte changed, as a damaged transfer would. */
    public volatile boolean corrupt;

    public FakeHubServer() throws IOException {
        hub.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return answerHub(r);
            }
        });
        cdn.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                cdnRequests.add(r);
                String sha = r.getUrl().pathSegments().get(r.getUrl().pathSize() - 1);
                return files.values().stream().filter(c -> sha256(c).equals(sha)).findFirst()
                        .map(c -> serve(r, corrupt ? flipped(c) : c)).orElse(new MockResponse.Builder().code(404).build());
            }
        });
        hub.start();
        cdn.start();
    }

    public FakeHubServer file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    public byte[] content(String path) {
        return files.get(path);
    }

    public String endpoint() {
        String url = hub.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    static boolean lfs(String path) {
        return path.endsWith(".safetensors");
    }

    public static String sha256(byte[] b) {
        return digest("SHA-256", b);
    }

    static String gitOid(byte[] b) {
        byte[] header = ("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + b.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(b, 0, all, header.length, b.length);
        return digest("SHA-1", all);
    }

    private static String digest(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private MockResponse answerHub(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        String api = "/api/models/" + REPO + "/";
        if (path.equals(api + "revision/main") || path.equals(api + "revision/" + COMMIT)) {
            return json(200, "{\"sha\":\"" + COMMIT + "\",\"gated\":\"manual\"}");
        }
        if (path.equals(api + "tree/" + COMMIT)) {
            List<String> entries = new ArrayList<>();
            files.forEach((p, c) -> entries.add("{\"type\":\"file\",\"path\":\"" + p + "\",\"size\":" + c.length
                    + ",\"oid\":\"" + gitOid(c) + "\"" + (lfs(p) ? ",\"lfs\":{\"oid\":\"" + sha256(c) + "\",\"size\":"
                    + c.length + "}" : "") + "}"));
            return json(200, "[" + String.join(",", entries) + "]");
        }
        String resolve = "/" + REPO + "/resolve/" + COMMIT + "/";
        if (path.startsWith(resolve) && files.containsKey(path.substring(resolve.length()))) {
            String auth = r.getHeaders().get("Authorization");
            if (auth == null) {
                return gated(401, "Access to model " + REPO + " is restricted. You must have access to it and be "
                        + "authenticated to access it. Please log in.");
            }
            if (!auth.equals("Bearer " + TOKEN)) {
                return gated(403, "Access to model " + REPO + " is restricted and you are not in the authorized list."
                        + " Visit https://huggingface.co/" + REPO + " to ask for access.");
            }
            byte[] content = files.get(path.substring(resolve.length()));
            if (lfs(path)) {
                return new MockResponse.Builder().code(302)
                        .addHeader("Location", cdn.url("/xet/" + sha256(content)) + "?Signature=s").build();
            }
            return serve(r, content);
        }
        return json(404, "{\"error\":\"not found\"}");
    }

    private static byte[] flipped(byte[] content) {
        byte[] copy = content.clone();
        copy[copy.length / 2] ^= 1;
        return copy;
    }

    private MockResponse serve(RecordedRequest r, byte[] content) {
        if (r.getMethod().equals("HEAD")) {
            return new MockResponse.Builder().code(200).build();
        }
        String range = r.getHeaders().get("Range");
        int start = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        MockResponse.Builder b = new MockResponse.Builder().code(range == null ? 200 : 206).addHeader("ETag", "\"e\"")
                .body(new Buffer().write(java.util.Arrays.copyOfRange(content, start, content.length)));
        if (slow) {
            b.throttleBody(32 * 1024, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        if (range != null) {
            b.addHeader("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        return b.build();
    }

    private static MockResponse gated(int code, String message) {
        return new MockResponse.Builder().code(code).addHeader("X-Error-Code", "GatedRepo")
                .addHeader("X-Error-Message", message).body("{\"error\":\"" + message + "\"}").build();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        hub.close();
        cdn.close();
    }
}
