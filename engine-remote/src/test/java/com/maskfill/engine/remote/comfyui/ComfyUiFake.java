package com.maskfill.engine.remote.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.maskfill.engine.remote.http.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.Buffer;

/**
 * A ComfyUI server as hosted-apis-more.md §4 documents it: model choices from {@code /object_info/<class>},
 * uploads, {@code POST /prompt} (recording each graph), a FIFO queue in which each prompt waits one
 * {@code GET /queue} and runs for one more, {@code /history/<id>} once it ended, {@code /view} for its image, and
 * {@code POST /queue} delete / {@code POST /interrupt}. Faults are switched on per test. Public for the app's
 * editor test (engine-remote's test-jar); the engine's own tests also set its package-private switches.
 */
public final class ComfyUiFake implements AutoCloseable {

    public static final Color OUTPUT = new Color(20, 200, 90);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final MockWebServer server = new MockWebServer();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    public final List<JsonNode> graphs = new CopyOnWriteArrayList<>();
    final List<String> deleted = new CopyOnWriteArrayList<>();
    int interrupts;
    /** How many websockets this server dropped. */
    int socketsDropped;

    public List<String> unets = List.of("flux1-dev.safetensors", "flux1-fill-dev.safetensors");
    boolean differentialDiffusion = true;
    /** Set: every prompt ends with this execution_error in node {@link #errorNode}. */
    String executionError;
    /** The node an execution_error happens in: its id and class. */
    String errorNode = "11";
    String errorNodeType = "KSampler";
    /** True: every prompt ends interrupted in node 11 (someone pressed Cancel in ComfyUI's own page). */
    boolean interrupted;
    /** True: a prompt ends without a saved image in its history. */
    boolean noOutputs;
    /** True: the server closes every websocket after the first step it sent (a proxy or a restart drops it). */
    boolean dropSocketsMidJob;
    /** Set: POST /prompt answers 400 with this body. */
    String refusal;
    /** True: the connection closes after POST /prompt was read, as if the answer was lost. */
    boolean dropPromptAnswer;
    /** True: prompts vanish from queue and history (a restarted server). */
    boolean forgetful;
    /** A prompt of another user, running ahead of ours. */
    String othersRunning;
    /** Other users' prompts waiting in this server's queue (shown, not run, in this fake). */
    int backlog;
    /** How many looks at its history a prompt runs for. */
    int runFor = 2;
    /** The websockets clients opened, each with its clientId; a running prompt's steps are sent to them. */
    final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
    final List<String> socketClientIds = new CopyOnWriteArrayList<>();
    final List<String> promptClientIds = new CopyOnWriteArrayList<>();
    /** True: /ws answers 404, as behind a proxy that does not pass upgrades. */
    boolean refuseSocket;

    private final Map<String, Integer> age = new LinkedHashMap<>();
    private final Map<String, Boolean> ended = new LinkedHashMap<>();
    private int next = 1;

    public ComfyUiFake() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                try {
                    return answer(request);
                } catch (IOException e) {
                    return json(500, "{\"error\":\"" + e + "\"}");
                }
            }
        });
        server.start();
    }

    public String root() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public long count(String method, String path) {
        return requests.stream().filter(r -> r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path))
                .count();
    }

    private synchronized MockResponse answer(RecordedRequest request) throws IOException {
        String path = request.getUrl().encodedPath();
        String line = request.getMethod() + " " + path;
        if (line.equals("GET /ws") && !refuseSocket) {
            socketClientIds.add(request.getUrl().queryParameter("clientId"));
            return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
                @Override
                public void onOpen(WebSocket socket, Response response) {
                    sockets.add(socket);
                    socket.send("{\"type\":\"status\",\"data\":{\"status\":{\"exec_info\":{\"queue_remaining\":0}}}}");
                }

                @Override
                public void onClosing(WebSocket socket, int code, String reason) {
                    socket.close(1000, null);
                }
            }).build();
        }
        if (line.startsWith("GET /object_info/")) {
            return json(200, objectInfo(path.substring("/object_info/".length())));
        }
        if (line.equals("POST /upload/image")) {
            Matcher name = Pattern.compile("filename=\"([^\"]+)\"").matcher(request.getBody().utf8());
            return json(200, "{\"name\":\"" + (name.find() ? name.group(1) : "x.png")
                    + "\",\"subfolder\":\"\",\"type\":\"input\"}");
        }
        if (line.equals("POST /prompt")) {
            if (refusal != null) {
                return json(400, refusal);
            }
            JsonNode body = MAPPER.readTree(request.getBody().utf8());
            graphs.add(body.get("prompt"));
            promptClientIds.add(body.path("client_id").asText());
            String id = "prompt-" + next++;
            age.put(id, 0);
            if (dropPromptAnswer) {
                return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
            }
            return json(200, "{\"prompt_id\":\"" + id + "\",\"number\":" + next + ",\"node_errors\":{}}");
        }
        if (line.equals("GET /queue")) {
            return json(200, queue());
        }
        if (line.startsWith("GET /history/")) {
            String id = path.substring("/history/".length());
            advance(id);
            return json(200, Boolean.TRUE.equals(ended.get(id)) && !forgetful ? history(id) : "{}");
        }
        if (line.equals("GET /view")) {
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "image/png")
                    .body(new Buffer().write(TestImages.png(32, 16, OUTPUT))).build();
        }
        if (line.equals("POST /queue")) {
            MAPPER.readTree(request.getBody().utf8()).path("delete").forEach(id -> {
                deleted.add(id.asText());
                age.remove(id.asText());
            });
            return new MockResponse.Builder().code(200).build();
        }
        if (line.equals("POST /interrupt")) {
            interrupts++;
            return new MockResponse.Builder().code(200).build();
        }
        return json(404, "{\"error\":\"no route " + line + "\"}");
    }

    /**
     * Time moves on with each look at the history of the prompt at the head of our queue: it waits for the first
     * look, runs for the next two, and has ended at the third. Another user's running prompt holds ours back.
     */
    private String queue() {
        List<String> running = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        if (othersRunning != null) {
            running.add(othersRunning);
        }
        for (int i = 0; i < backlog; i++) {
            pending.add("others-" + i);
        }
        if (!forgetful) {
            for (Map.Entry<String, Integer> prompt : age.entrySet()) {
                boolean head = running.isEmpty() && prompt.getValue() > 0;
                (head ? running : pending).add(prompt.getKey());
            }
        }
        StringBuilder out = new StringBuilder("{\"queue_running\":[");
        items(out, running, 1);
        out.append("],\"queue_pending\":[");
        items(out, pending, 10);
        return out.append("]}").toString();
    }

    private void advance(String id) {
        if (othersRunning != null || forgetful || age.isEmpty() || !age.keySet().iterator().next().equals(id)) {
            return;
        }
        int looks = age.merge(id, 1, Integer::sum);
        if (looks <= runFor) {
            // The sampler's steps, as ComfyUI sends them to the client that queued the prompt.
            for (WebSocket socket : sockets) {
                socket.send("{\"type\":\"progress\",\"data\":{\"value\":" + (5 * looks) + ",\"max\":20,"
                        + "\"prompt_id\":\"" + id + "\",\"node\":\"11\"}}");
                if (dropSocketsMidJob) {
                    socket.close(1001, "server restarting");
                    sockets.remove(socket);
                    socketsDropped++;
                }
            }
        }
        if (looks > runFor) {
            age.remove(id);
            ended.put(id, true);
        }
    }

    private static void items(StringBuilder out, List<String> ids, int firstNumber) {
        for (int i = 0; i < ids.size(); i++) {
            out.append(i == 0 ? "" : ",").append("[").append(firstNumber + i).append(",\"").append(ids.get(i))
                    .append("\",{},{\"client_id\":\"x\"},[\"13\"]]");
        }
    }

    private String history(String id) {
        if (executionError != null) {
            return "{\"" + id + "\":{\"prompt\":[],\"outputs\":{},\"status\":{\"status_str\":\"error\","
                    + "\"completed\":false,\"messages\":[[\"execution_start\",{\"prompt_id\":\"" + id + "\"}],"
                    + "[\"execution_cached\",{\"nodes\":[\"2\",\"3\"],\"prompt_id\":\"" + id + "\"}],"
                    + "[\"execution_error\",{\"prompt_id\":\"" + id + "\",\"node_id\":\"" + errorNode
                    + "\",\"node_type\":\"" + errorNodeType + "\",\"exception_message\":\"" + executionError
                    + "\",\"exception_type\":\"torch.OutOfMemoryError\"}]]}}}";
        }
        if (interrupted) {
            return "{\"" + id + "\":{\"prompt\":[],\"outputs\":{},\"status\":{\"status_str\":\"error\","
                    + "\"completed\":false,\"messages\":[[\"execution_start\",{\"prompt_id\":\"" + id + "\"}],"
                    + "[\"execution_interrupted\",{\"prompt_id\":\"" + id + "\",\"node_id\":\"11\","
                    + "\"node_type\":\"KSampler\",\"executed\":[\"1\",\"2\",\"3\"]}]]}}}";
        }
        if (noOutputs) {
            return "{\"" + id + "\":{\"prompt\":[],\"outputs\":{\"99\":{\"images\":[{\"filename\":\"preview.png\","
                    + "\"subfolder\":\"\",\"type\":\"temp\"}]}},\"status\":{\"status_str\":\"success\","
                    + "\"completed\":true,\"messages\":[]}}}";
        }
        return "{\"" + id + "\":{\"prompt\":[],\"outputs\":{\"13\":{\"images\":[{\"filename\":\"maskfill_0000"
                + id.substring(id.length() - 1) + "_.png\",\"subfolder\":\"\",\"type\":\"output\"}]},"
                + "\"99\":{\"images\":[{\"filename\":\"preview.png\",\"subfolder\":\"\",\"type\":\"temp\"}]}},"
                + "\"status\":{\"status_str\":\"success\",\"completed\":true,\"messages\":[]}}}";
    }

    private String objectInfo(String nodeClass) {
        return switch (nodeClass) {
            case "UNETLoader" -> "{\"UNETLoader\":{\"input\":{\"required\":{\"unet_name\":[" + list(unets)
                    + ",{}],\"weight_dtype\":[[\"default\",\"fp8_e4m3fn\"]]}}}}";
            // The newer COMBO shape, to read both.
            case "DualCLIPLoader" -> "{\"DualCLIPLoader\":{\"input\":{\"required\":{\"clip_name1\":[\"COMBO\","
                    + "{\"options\":[\"clip_l.safetensors\",\"t5xxl_fp8_e4m3fn.safetensors\",\"t5xxl_fp16.safetensors\"]}],"
                    + "\"clip_name2\":[\"COMBO\",{\"options\":[\"clip_l.safetensors\"]}]}}}}";
            case "VAELoader" -> "{\"VAELoader\":{\"input\":{\"required\":{\"vae_name\":[[\"pixel_space\","
                    + "\"ae.safetensors\"]]}}}}";
            case "DifferentialDiffusion" -> differentialDiffusion
                    ? "{\"DifferentialDiffusion\":{\"input\":{\"required\":{\"model\":[\"MODEL\"]}}}}" : "{}";
            default -> "{}";
        };
    }

    private static String list(List<String> names) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append('"');
        }
        return out.append(']').toString();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
