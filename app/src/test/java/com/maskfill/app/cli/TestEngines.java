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
import com.maskfill.engine.api.engine.SubmittedJob;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Engines registered for the app's tests (src/test/resources/META-INF/services). Each counts what happened to it
 * under the {@value #TAG} option its job passes, so tests side by side never read each other's counts.
 */
public final class TestEngines {

    static final int FILL = 0xFF10C0A0;
    /** The engine option naming the test that counts. */
    public static final String TAG = "test-tag";

    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private TestEngines() {
    }

    /** How often {@code what} ("created", "closed", "provider-cancelled") happened to engines tagged {@code tag}. */
    public static int count(String tag, String what) {
        return COUNTS.getOrDefault(tag + "/" + what, new AtomicInteger()).get();
    }

    private static void counted(EngineContext context, String what) {
        COUNTS.computeIfAbsent(context.option(TAG).orElse("") + "/" + what, k -> new AtomicInteger()).incrementAndGet();
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
        private final boolean cancellable;
        private final Function<EngineContext, Behaviour> behaviour;

        TestProvider(String id, String credential, Function<EngineContext, Behaviour> behaviour) {
            this(id, credential, true, behaviour);
        }

        TestProvider(String id, String credential, boolean cancellable, Function<EngineContext, Behaviour> behaviour) {
            this.id = id;
            this.credential = credential;
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
            Capabilities.Builder builder = Capabilities.builder().sideRange(64, 1024).sizeMultiple(16).maxImages(4)
                    .reportsSteps(true).cancellable(cancellable);
            if (credential != null) {
                builder.credential(credential);
            }
            return builder.build();
        }

        /** What {@link Engine#resume} does; refuses by default, as {@link Engine}'s own default does. */
        EngineResult resumed(SubmittedJob submitted, EngineInput input, ProgressListener progress,
                             Cancellation cancellation) throws EngineException {
            throw new EngineException(EngineException.Category.INVALID_INPUT, "This test engine cannot resume");
        }

        @Override
        public Engine create(EngineContext context) throws EngineException {
            if (credential != null) {
                context.credentials().require(credential, displayName());
            }
            counted(context, "created");
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

                @Override
                public EngineResult resume(SubmittedJob submitted, EngineInput input, ProgressListener progress,
                                           Cancellation cancellation) throws EngineException {
                    counted(context, "resumed " + submitted.id().orElse("?"));
                    return resumed(submitted, input, progress, cancellation);
                }

                @Override
                public void close() {
                    counted(context, "closed");
                }
            };
        }
    }

    /** The LoRAs of the last job {@link SolidFill} ran (the editor's LoRA list reaches the engine). */
    public static final java.util.concurrent.atomic.AtomicReference<java.util.List<
            com.maskfill.engine.api.request.Lora>> SOLID_FILL_LORAS = new java.util.concurrent.atomic.AtomicReference<>();

    /** Paints every output a solid colour, reporting each step. */
    static EngineResult solidFill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        SOLID_FILL_LORAS.set(input.loras());
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

    /**
     * Like the local engine: image i is made from seed + i alone, and says so; each image is painted a colour that
     * follows from its seed, so a variation re-run with its own seed comes back the same.
     */
    public static final class PerImageSeeds extends TestProvider {
        public PerImageSeeds() {
            super("test-variations", null, context -> (input, progress, cancellation) -> {
                EngineResult.Builder result = EngineResult.builder().seed(input.seed());
                java.util.List<Long> seeds = new java.util.ArrayList<>();
                for (int i = 0; i < input.imageCount(); i++) {
                    long seed = input.seed() + i;
                    BufferedImage out = new BufferedImage(input.width(), input.height(), BufferedImage.TYPE_INT_ARGB);
                    int[] pixels = new int[out.getWidth() * out.getHeight()];
                    Arrays.fill(pixels, 0xFF000000 | (int) (seed * 2654435761L) & 0xFFFFFF);
                    out.setRGB(0, 0, out.getWidth(), out.getHeight(), pixels, 0, out.getWidth());
                    result.addImage(out);
                    seeds.add(seed);
                }
                return result.imageSeeds(seeds).build();
            });
        }
    }

    /** The shift test-drift adds to every channel of what it was sent: red, green, blue. */
    static final int[] DRIFT = {14, -10, 8};

    /** Gives back what it was sent, its colours shifted by {@link #DRIFT}, as FLUX's autoencoder drifts them. */
    public static final class Drifting extends TestProvider {
        public Drifting() {
            super("test-drift", null, context -> (input, progress, cancellation) -> {
                BufferedImage out = new BufferedImage(input.width(), input.height(), BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < out.getHeight(); y++) {
                    for (int x = 0; x < out.getWidth(); x++) {
                        int rgb = input.image().getRGB(x, y);
                        int drifted = 0;
                        for (int c = 0; c < 3; c++) {
                            int shift = 16 - 8 * c;
                            int v = Math.max(0, Math.min(255, ((rgb >> shift) & 0xff) + DRIFT[c]));
                            drifted |= v << shift;
                        }
                        out.setRGB(x, y, drifted);
                    }
                }
                return EngineResult.builder().seed(input.seed()).providerJobId("job-drift").addImage(out).build();
            });
        }
    }

    /** The width of the last image test-megapixel was sent. */
    public static final AtomicInteger MEGAPIXEL_WORK_WIDTH = new AtomicInteger();

    /** Like a hosted FLUX engine: its model works at about one megapixel; fills like test-fill. */
    public static final class Megapixel extends TestProvider {
        public Megapixel() {
            super("test-megapixel", null, context -> (input, progress, cancellation) -> {
                MEGAPIXEL_WORK_WIDTH.set(input.width());
                return solidFill(input, progress, cancellation);
            });
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.builder().sideRange(64, 1536).maxImages(4).workingPixels(1024 * 1024).build();
        }
    }

    /** What test-priced charges per image, as its documentation would state it. */
    public static final com.maskfill.engine.api.engine.Price PRICE_PER_IMAGE =
            com.maskfill.engine.api.engine.Price.perImage("0.05", "USD", "a test price list");

    /**
     * A hosted engine with a documented price of 0.05 USD per image that reports what each job cost: 0.04 USD per
     * image. Counts each job it is sent as "submitted".
     */
    public static final class Priced extends TestProvider {
        public Priced() {
            super("test-priced", null, context -> (input, progress, cancellation) -> {
                counted(context, "submitted");
                EngineResult filled = solidFill(input, progress, cancellation);
                EngineResult.Builder result = EngineResult.builder().seed(input.seed()).providerJobId("job-paid")
                        .cost(new com.maskfill.engine.api.engine.Cost(new java.math.BigDecimal("0.04")
                                .multiply(java.math.BigDecimal.valueOf(input.imageCount())), "USD"));
                filled.images().forEach(result::addImage);
                return result.build();
            });
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.builder().sideRange(64, 1024).maxImages(4).cancellable(true)
                    .price(PRICE_PER_IMAGE).build();
        }
    }

    /** Priced like test-priced, but reports no cost: what it charged is only known as the estimate. */
    public static final class PricedSilently extends TestProvider {
        public PricedSilently() {
            super("test-priced-silent", null, context -> (input, progress, cancellation) -> {
                counted(context, "submitted");
                return solidFill(input, progress, cancellation);
            });
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.builder().sideRange(64, 1024).maxImages(4).cancellable(true)
                    .price(PRICE_PER_IMAGE).build();
        }
    }

    /** No documented price; counts each job it is sent as "submitted". */
    public static final class Unpriced extends TestProvider {
        public Unpriced() {
            super("test-no-price", null, context -> (input, progress, cancellation) -> {
                counted(context, "submitted");
                return solidFill(input, progress, cancellation);
            });
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

    /**
     * Loses contact after the "provider" accepted job-77 (as a hosted engine does once its patience runs out),
     * and fetches job-77's results when asked to resume it.
     */
    public static final class LostContact extends TestProvider {
        public static final String JOB = "job-77";

        public LostContact() {
            super("test-lost", null, context -> (input, progress, cancellation) -> {
                throw new EngineException(EngineException.Category.NETWORK, "Lost contact with the provider",
                        null, null, SubmittedJob.accepted("test-lost", JOB, input.seed()));
            });
        }

        @Override
        EngineResult resumed(SubmittedJob submitted, EngineInput input, ProgressListener progress,
                             Cancellation cancellation) throws EngineException {
            EngineResult filled = solidFill(input, progress, cancellation);
            EngineResult.Builder result = EngineResult.builder().seed(submitted.seed())
                    .providerJobId(submitted.id().orElseThrow());
            filled.images().forEach(result::addImage);
            return result.build();
        }
    }

    /** Fails the job as WaveSpeedAI does when it cannot fetch the uploaded photo: a long message and the provider's words. */
    public static final class ProviderFails extends TestProvider {
        public ProviderFails() {
            super("test-provider-fails", null, context -> (input, progress, cancellation) -> {
                progress.onProgress(ProgressEvent.running());
                throw new EngineException(EngineException.Category.PROVIDER_FAILED,
                        "The test provider ended the job as failed (code 1402)", "could not fetch image");
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

    /**
     * Fills; the prompts "unsatisfied link" and "out of memory" make it throw those errors instead, and "quote the
     * key" a library's exception that quotes its key, raw and URL-encoded.
     */
    public static final class Counting extends TestProvider {
        public Counting() {
            super("test-counting", "TEST_COUNTING_KEY", context -> (input, progress, cancellation) -> {
                switch (input.prompt()) {
                    case "unsatisfied link" -> throw new UnsatisfiedLinkError("no tokenizers in java.library.path");
                    case "out of memory" -> throw new OutOfMemoryError("Java heap space");
                    case "quote the key" -> {
                        String key = context.credentials().find("TEST_COUNTING_KEY").orElseThrow().reveal();
                        throw new IllegalArgumentException("Unexpected char 0x0d in API-KEY value: " + key + " ("
                                + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8) + ")");
                    }
                    default -> {
                        return solidFill(input, progress, cancellation);
                    }
                }
            });
        }
    }

    /**
     * Like a hosted engine: the job waits at the provider until it is cancelled, and then telling the provider takes
     * a moment (an HTTP DELETE), which an interrupt makes fail, as Okio's interrupt check does.
     */
    public static final class SlowToCancel extends TestProvider {
        public SlowToCancel() {
            super("test-slow-cancel", null, context -> (input, progress, cancellation) -> {
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

    /** Like 1min.ai: cannot stop a job once it has it. Runs until {@link #FINISH} is set, then fills. */
    public static final class CannotCancel extends TestProvider {
        public static final AtomicBoolean FINISH = new AtomicBoolean();

        public CannotCancel() {
            super("test-cannot-cancel", null, false, context -> (input, progress, cancellation) -> {
                progress.onProgress(ProgressEvent.running());
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!FINISH.get() && System.nanoTime() < deadline) {
                    cancellation.throwIfCancelled(); // it only stops waiting; the provider goes on
                    pause(10);
                }
                return solidFill(input, progress, cancellation);
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

    /** Needs TEST_API_KEY, like a hosted engine needs its API key. */
    public static final class KeyedProvider extends TestProvider {
        public KeyedProvider() {
            super("test-keyed", "TEST_API_KEY", context -> TestEngines::solidFill);
        }
    }
}
