package com.maskfill.engine.remote.wiro;

import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.RemoteHttp;
import com.maskfill.engine.remote.wiro.WiroResponses.SocketFrame;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Wiro's task websocket (hosted-apis.md §4.6): after connecting, register the task's socket token with
 * {@code {"type":"task_info","tasktoken":…}}; frames then report each lifecycle step and the sampler's
 * progress. OkHttp delivers frames on its own thread; they are queued for the engine's thread.
 */
final class WiroSocket implements AutoCloseable {

    sealed interface Event permits Frame, Closed, Woken {
    }

    record Frame(SocketFrame frame) implements Event {
    }

    /** The socket is gone; {@code connected} says whether it ever opened. */
    record Closed(boolean connected, String reason) implements Event {
    }

    /** Someone (cancellation) wants the waiting thread to look around. */
    record Woken() implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private volatile boolean connected;

    private WiroSocket(OkHttpClient client, String url, String taskToken) {
        Request request = new Request.Builder().url(url).build();
        this.socket = client.newWebSocket(request, new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                connected = true;
                webSocket.send(RemoteHttp.toJsonText(Map.of("type", "task_info", "tasktoken", taskToken)));
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                try {
                    events.add(new Frame(RemoteHttp.fromJsonText(text, SocketFrame.class)));
                } catch (MalformedResponseException e) {
                    // Log lines and keep-alives that are not JSON carry nothing the engine needs.
                }
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
                events.add(new Closed(connected, "closed by server (" + code + ")"));
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                events.add(new Closed(connected, t.getClass().getSimpleName()));
            }
        });
    }

    /** Starts connecting; a connection that fails shows up as a {@link Closed} event. */
    static WiroSocket open(OkHttpClient client, String url, String taskToken) {
        return new WiroSocket(client, url, taskToken);
    }

    /** The next event, or null when none came within {@code timeout}. */
    Event next(Duration timeout) throws InterruptedException {
        return events.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    void wake() {
        events.add(new Woken());
    }

    @Override
    public void close() {
        if (!socket.close(1000, null)) {
            socket.cancel();
        }
    }
}
