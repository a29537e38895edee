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

/** Engines registered for the app's tests (src/test/resources/META-INF/services). */
final class TestEngines {

    static final int FILL = 0xFF10C0A0;

    private TestEngines() {
    }

    private static Capabilities capabilities(boolean needsKey) {
        Capabilities.Builder builder = Capabilities.builder().sideRange(64, 1024).sizeMultiple(16).maxImages(4)
                .reportsSteps(true).cancellable(true);
        if (needsKey) {
            builder.credential("TEST_API_KEY");
        }
        return builder.build();
    }

    /** Paints every output a solid colour and reports each step. */
    public static final class SolidFill implements EngineProvider {
        @Override
        public String id() {
            return "test-fill";
        }

        @Override
        public String displayName() {
            return "Test fill";
        }

        @Override
        public Capabilities capabilities() {
            return TestEngines.capabilities(false);
        }

        @Override
        public Engine create(EngineContext context) {
            return new Engine() {
                @Override
                public Capabilities capabilities() {
                    return SolidFill.this.capabilities();
                }

                @Override
                public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
                        throws EngineException {
                    EngineResult.Builder result = EngineResult.builder().seed(input.seed()).providerJobId("job-42");
                    for (int step = 1; step <= input.steps(); step++) {
                        cancellation.throwIfCancelled();
                        progress.onProgress(ProgressEvent.running(step, input.steps()));
                    }
                    for (int i = 0; i < input.imageCount(); i++) {
                        BufferedImage out = new BufferedImage(input.image().getWidth(), input.image().getHeight(),
                                BufferedImage.TYPE_INT_ARGB);
                        for (int y = 0; y < out.getHeight(); y++) {
                            for (int x = 0; x < out.getWidth(); x++) {
                                out.setRGB(x, y, FILL);
                            }
                        }
                        result.addImage(out);
                    }
                    return result.build();
                }
            };
        }
    }

    /** Accepts the job, then fails it at the "provider". */
    public static final class FailingProvider implements EngineProvider {
        @Override
        public String id() {
            return "test-fails";
        }

        @Override
        public String displayName() {
            return "Test failing";
        }

        @Override
        public Capabilities capabilities() {
            return TestEngines.capabilities(false);
        }

        @Override
        public Engine create(EngineContext context) {
            return new Engine() {
                @Override
                public Capabilities capabilities() {
                    return FailingProvider.this.capabilities();
                }

                @Override
                public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
                        throws EngineException {
                    throw new EngineException(EngineException.Category.PROVIDER_FAILED,
                            "The provider could not finish the job.", "worker crashed: CUDA out of memory");
                }
            };
        }
    }

    /** Needs TEST_API_KEY, like a hosted engine needs its API key. */
    public static final class KeyedProvider implements EngineProvider {
        @Override
        public String id() {
            return "test-keyed";
        }

        @Override
        public String displayName() {
            return "Test keyed";
        }

        @Override
        public Capabilities capabilities() {
            return TestEngines.capabilities(true);
        }

        @Override
        public Engine create(EngineContext context) throws EngineException {
            context.credentials().require("TEST_API_KEY", displayName());
            return new SolidFill().create(context);
        }
    }
}
