package com.maskfill.app.jobs;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Engines for the job tests, registered through ServiceLoader (src/test/resources/META-INF/services) and found like
 * any installed engine. Each counts what happened to it under the {@value #TAG} option its job passes, so tests
 * running side by side never read each other's counts.
 */
public final class JobTestEngines {

    /** The engine option naming the test that counts. */
    public static final String TAG = "test-tag";

    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private JobTestEngines() {
    }

    /** How often {@code what} ("created", "closed", "provider-cancelled") happened to engines tagged {@code tag}. */
    public static int count(String tag, String what) {
        return COUNTS.getOrDefault(tag + "/" + what, new AtomicInteger()).get();
    }

    private static void counted(EngineContext context, String what) {
        COUNTS.computeIfAbsent(context.option(TAG).orElse("") + "/" + what, k -> new AtomicInteger()).incrementAndGet();
    }

    /** The outputs: the crop as it came, like an engine that changed nothing. */
    private static EngineResult echo(EngineInput input) {
        return EngineResult.builder().seed(input.seed()).addImage(input.image()).providerJobId("job-1").build();
    }

    @FunctionalInterface
    private interface Behaviour {
        EngineResult fill(EngineContext context, EngineInput input, ProgressListener progress,
                          Cancellation cancellation) throws EngineException;
    }

    private abstract static class Provider implements EngineProvider {
        private final String id;
        private final boolean cancellable;
        private final Behaviour behaviour;

        Provider(String id, boolean cancellable, Behaviour behaviour) {
            this.id = id;
            this.cancellable = cancellable;
            this.behaviour = behaviour;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String displayName() {
            return "Test " + id;
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.builder().sideRange(16, 1024).cancellable(cancellable).credential("TEST_COUNTING_KEY")
                    .build();
        }

        @Override
        public Engine create(EngineContext context) {
            counted(context, "created");
            Capabilities capabilities = capabilities();
            return new Engine() {
                @Override
                public Capabilities capabilities() {
                    return capabilities;
                }

                @Override
                public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
                        throws EngineException {
                    return behaviour.fill(context, input, progress, cancellation);
                }

                @Override
                public void close() {
                    counted(context, "closed");
                }
            };
        }
    }

    /** Echoes the crop; the prompts "unsatisfied link" and "out of memory" make it throw those errors instead. */
    public static final class Counting extends Provider {
        public Counting() {
            super("test-counting", true, (context, input, progress, cancellation) -> {
                switch (input.prompt()) {
                    case "unsatisfied link" -> throw new UnsatisfiedLinkError("no tokenizers in java.library.path");
                    case "out of memory" -> throw new OutOfMemoryError("Java heap space");
                    default -> {
                        progress.onProgress(ProgressEvent.running(1, 1));
                        return echo(input);
                    }
                }
            });
        }
    }

    /**
     * Like a hosted engine: the job runs at the provider until it is cancelled, and then telling the provider takes
     * a moment (an HTTP DELETE), which an interrupt makes fail, as Okio's interrupt check does.
     */
    public static final class SlowToCancel extends Provider {
        public SlowToCancel() {
            super("test-slow-cancel", true, (context, input, progress, cancellation) -> {
                progress.onProgress(ProgressEvent.queued(1));
                while (!cancellation.isCancelled()) {
                    pause(10);
                }
                pause(500);
                counted(context, "provider-cancelled");
                throw EngineException.cancelled();
            });
        }
    }

    /** Like 1min.ai: cannot stop a job once it has it. Runs until {@link #FINISH} is set, then echoes the crop. */
    public static final class CannotCancel extends Provider {
        public static final AtomicBoolean FINISH = new AtomicBoolean();

        public CannotCancel() {
            super("test-cannot-cancel", false, (context, input, progress, cancellation) -> {
                progress.onProgress(ProgressEvent.running());
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!FINISH.get() && System.nanoTime() < deadline) {
                    cancellation.throwIfCancelled(); // it only stops waiting; the provider goes on
                    pause(10);
                }
                return echo(input);
            });
        }
    }

    private static void pause(long millis) throws EngineException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Category.NETWORK, "interrupted");
        }
    }
}
