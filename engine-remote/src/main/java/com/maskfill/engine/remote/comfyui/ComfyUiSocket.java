package com.maskfill.engine.remote.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * One server's websocket ({@code /ws?clientId=…}), which reports the run of the prompts queued with that client
 * id: the sampler's step ({@code progress}) of each prompt, kept here for the engine's polls to report. The polls
 * of {@code /queue} and {@code /history} stay the authority on how a prompt ended, so a socket that cannot connect
 * or drops costs only the step count. OkHttp delivers frames on its own thread; nothing here calls back.
 */
final class ComfyUiSocket implements AutoCloseable {

    /** Step {@code value} of {@code max} of one prompt's sampler. */
    record Step(int value, int max) {
    }

    private final Map<String, Step> steps = new ConcurrentHashMap<>();
    private final WebSocket socket;

    ComfyUiSocket(OkHttpClient client, ComfyUiApi server, String clientId) {
        Request request = new Request.Builder().url(Endpoints.resolve(server.root(), "ws").newBuilder()
                .addQueryParameter("clientId", clientId).build()).build();
        this.socket = client.newWebSocket(request, new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                try {
                    JsonNode message = RemoteHttp.fromJsonText(text, JsonNode.class);
                    JsonNode data = message.path("data");
                    if (message.path("type").asText().equals("progress") && data.path("prompt_id").isTextual()
                            && data.path("max").asInt() > 0) {
                        steps.put(data.path("prompt_id").asText(),
                                new Step(data.path("value").asInt(), data.path("max").asInt()));
                    }
                } catch (MalformedResponseException e) {
                    // Not JSON: nothing the engine needs (binary previews arrive through onMessage(ByteString)).
                }
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
            }
        });
    }

    /** The last step reported for {@code promptId}, or null when none came (yet, or the socket is down). */
    Step step(String promptId) {
        return steps.get(promptId);
    }

    @Override
    public void close() {
        if (!socket.close(1000, null)) {
            socket.cancel();
        }
    }
}
