package com.maskfill.app.cli;

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
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.function.Function;

/** Engines registered for the app's tests (src/test/resources/META-INF/services). */
final class TestEngines {

    static final int FILL = 0xFF10C0A0;

    private TestEngines() {
    }

    /** What a test engine does with one job. */
    @FunctionalInterface
    interface Behaviour {
        EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
                throws EngineException;
    }

    private abstract static class TestProvider implements EngineProvider {
        private final String id;
        private final String credential;
        private final Function<EngineContext, Behaviour> behaviour;

        TestProvider(String id, String credential, Function<EngineContext, Behaviour> behaviour) {
            this.id = id;
            this.credential = credential;
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
            Capabilities.Builder builder = Capabilities.builder().sideRange(64, 1024).sizeMultiple(16).maxImages(4)
                    .reportsSteps(true).cancellable(true);
            if (credential != null) {
                builder.credential(credential);
            }
            return builder.build();
        }

        @Override
        public Engine create(EngineContext context) throws EngineException {
            if (credential != null) {
                context.credentials().require(credential, displayName());
            }
            Capabilities capabilities = capabilities();
            Behaviour job = behaviour.apply(context);
            return new Engine() {
                @Override
                public Capabilities capabilities() {
                    return capabilities;
                }

                @Override
                public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
                        throws EngineException {
                    return job.fill(input, progress, cancellation);
                }
            };
        }
    }

    /** Paints every output a solid colour, reporting each step. */
    static EngineResult solidFill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        EngineResult.Builder result = EngineResult.builder().seed(input.seed()).providerJobId("job-42");
        for (int step = 1; step <= input.steps(); step++) {
            cancellation.throwIfCancelled();
            progress.onProgress(ProgressEvent.running(step, input.steps()));
        }
        for (int i = 0; i < input.imageCount(); i++) {
            BufferedImage out = new BufferedImage(input.image().getWidth(), input.image().getHeight(),
                    BufferedImage.TYPE_INT_ARGB);
            int[] pixels = new int[out.getWidth() * out.getHeight()];
            Arrays.fill(pixels, FILL);
            out.setRGB(0, 0, out.getWidth(), out.getHeight(), pixels, 0, out.getWidth());
            result.addImage(out);
        }
        return result.build();
    }

    public static final class SolidFill extends TestProvider {
        public SolidFill() {
            super("test-fill", null, context -> TestEngines::solidFill);
        }
    }

    /** Accepts the job, then fails it at the "provider". */
    public static final class FailingProvider extends TestProvider {
        public FailingProvider() {
            super("test-fails", null, context -> (input, progress, cancellation) -> {
                throw new EngineException(EngineException.Category.PROVIDER_FAILED,
                        "The provider could not finish the job.", "worker crashed: CUDA out of memory");
            });
        }
    }

    /** Reports the model-dir option it was given as its job id, to show options reach the engine. */
    public static final class OptionsEcho extends TestProvider {
        public OptionsEcho() {
            super("test-options", null, context -> (input, progress, cancellation) -> {
                EngineResult filled = solidFill(input, progress, cancellation);
                EngineResult.Builder echo = EngineResult.builder().seed(input.seed())
                        .providerJobId(context.option("model-dir").orElse("none"));
                filled.images().forEach(echo::addImage);
                return echo.build();
            });
        }
    }

    /** Runs until it is cancelled, reporting step 1 of n, like a slow provider. */
    public static final class Waiting extends TestProvider {
        public Waiting() {
            super("test-waits", null, context -> (input, progress, cancellation) -> {
                progress.onProgress(ProgressEvent.running(1, input.steps()));
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (System.nanoTime() < deadline) {
                    cancellation.throwIfCancelled();
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        throw EngineException.cancelled();
                    }
                }
                throw new EngineException(EngineException.Category.NETWORK, "never cancelled");
            });
        }
    }

    /**
     * Holds the job until the system property {@value #GATE} is "open" (a test in another package opens it), then
     * fills like test-fill: for what the editor does while a job is under way.
     */
    public static final class Gated extends TestProvider {
        public static final String GATE = "maskfill.test.gate";

        public Gated() {
            super("test-gated", null, context -> (input, progress, cancellation) -> {
                progress.onProgress(ProgressEvent.running(1, input.steps()));
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!"open".equals(System.getProperty(GATE)) && System.nanoTime() < deadline) {
                    cancellation.throwIfCancelled();
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        throw EngineException.cancelled();
                    }
                }
                return solidFill(input, progress, cancellation);
            });
        }
    }

    /** Needs TEST_API_KEY, like a hosted engine needs its API key. */
    public static final class KeyedProvider extends TestProvider {
        public KeyedProvider() {
            super("test-keyed", "TEST_API_KEY", context -> TestEngines::solidFill);
        }
    }
}
