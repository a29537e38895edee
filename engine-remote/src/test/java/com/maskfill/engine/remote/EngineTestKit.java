package com.maskfill.engine.remote;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.api.request.Mask;
import com.maskfill.engine.remote.http.PollSchedule;
import com.maskfill.engine.remote.http.RecordingSleeper;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.RetryPolicy;
import com.maskfill.engine.remote.http.TestImages;
import com.maskfill.engine.remote.http.Timeouts;
import java.awt.Color;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared pieces of the provider contract tests: millisecond tuning, a tiny input, a progress recorder. */
public final class EngineTestKit {

    private EngineTestKit() {
    }

    /** Patience after a submission in the fast tuning: the retry pauses of a poll or download add up to this. */
    public static final Duration PATIENCE = Duration.ofMillis(200);

    /**
     * Polls every 10–20 ms and gives up after {@code jobTimeout}; retries wait at most 20 ms whatever they ask;
     * an accepted job's polls and downloads keep retrying until their pauses add up to {@link #PATIENCE}.
     */
    public static RemoteTuning fastTuning(RecordingSleeper sleeper, Duration jobTimeout) {
        return new RemoteTuning(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)),
                new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(30)),
                new PollSchedule(Duration.ofMillis(10), Duration.ofMillis(20), 1.5, jobTimeout),
                sleeper, 1 << 20, 4_000_000, PATIENCE);
    }

    public static RemoteTuning fastTuning(RecordingSleeper sleeper) {
        return fastTuning(sleeper, Duration.ofSeconds(2));
    }

    /** A 32×16 gray image with the right half masked. */
    public static EngineInput input(int imageCount, List<Lora> loras) {
        byte[] mask = new byte[32 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 16; x < 32; x++) {
                mask[y * 32 + x] = (byte) 255;
            }
        }
        return new EngineInput(TestImages.solid(32, 16, Color.GRAY), Mask.of(32, 16, mask), "a red apple", 20, 30.0,
                1234L, imageCount, loras, true);
    }

    /** A context pointing at {@code endpoint} with {@code name=value, …} credentials. */
    public static EngineContext context(String endpoint, String... namesAndValues) {
        Map<String, String> credentials = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            credentials.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return EngineContext.builder().credentials(CredentialSource.of(credentials)).endpoint(URI.create(endpoint)).build();
    }

    public static EngineInput input() {
        return input(1, List.of());
    }

    public static void assertNoSecret(EngineException e, String... secrets) {
        for (String secret : secrets) {
            assertFalse(String.valueOf(e.getMessage()).contains(secret), "message leaks a secret: " + e.getMessage());
            assertFalse(e.toString().contains(secret), "toString leaks a secret: " + e);
            assertFalse(e.providerDetail().orElse("").contains(secret), "detail leaks a secret");
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                assertFalse(String.valueOf(cause.getMessage()).contains(secret), "cause leaks a secret: " + cause);
            }
        }
    }

    /** Remembers every event; can trip an action on the first event of a stage. */
    public static final class RecordingProgress implements ProgressListener {
        private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        private final ProgressEvent.Stage trigger;
        private final Runnable action;
        private boolean fired;

        public RecordingProgress() {
            this(null, () -> { });
        }

        public RecordingProgress(ProgressEvent.Stage trigger, Runnable action) {
            this.trigger = trigger;
            this.action = action;
        }

        @Override
        public void onProgress(ProgressEvent event) {
            events.add(event);
            if (!fired && event.stage() == trigger) {
                fired = true;
                action.run();
            }
        }

        public List<ProgressEvent.Stage> stages() {
            return events.stream().map(ProgressEvent::stage).distinct().toList();
        }

        public List<ProgressEvent> events() {
            return List.copyOf(events);
        }
    }
}
