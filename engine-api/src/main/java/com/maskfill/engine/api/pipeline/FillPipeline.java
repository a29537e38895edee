package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.Price;
import com.maskfill.engine.api.engine.PriceEstimate;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Mask;
import com.maskfill.engine.api.request.WorkResolution;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one road every job takes: check the request against the engine's capabilities, crop the context,
 * run the engine, match every output's colours to the photo at the seam (unless the request turns it off) and turn
 * it into a crop-sized layer to paste back. Reports
 * {@link ProgressEvent.Stage#PREPARING} first and {@link ProgressEvent.Stage#DONE} last (the engine reports the
 * stages between), and checks the cancellation until the engine is called; once the engine has returned its
 * outputs, a cancel no longer throws them away. Stateless and thread-safe.
 */
public final class FillPipeline {

    /** Context kept around the mask, in source pixels. */
    public static final int DEFAULT_PADDING = 48;
    /** Width of the soft edge between source and output, in source pixels, all of it outside the mask. */
    public static final int DEFAULT_FEATHER_RADIUS = 8;

    private final int padding;
    private final int featherRadius;

    public FillPipeline() {
        this(DEFAULT_PADDING, DEFAULT_FEATHER_RADIUS);
    }

    /** @param padding raised to {@code featherRadius} if smaller, so the feather never leaves the crop */
    public FillPipeline(int padding, int featherRadius) {
        if (padding < 0 || featherRadius < 0) {
            throw new IllegalArgumentException("padding = " + padding + ", featherRadius = " + featherRadius
                    + ": both must be 0 or more");
        }
        this.padding = Math.max(padding, featherRadius);
        this.featherRadius = featherRadius;
    }

    /**
     * The crop a job would send, e.g. to outline it in the editor before running.
     *
     * @throws EngineException {@link EngineException.Category#INVALID_INPUT} naming each setting the engine
     *                         cannot run, or when the masked area cannot be fitted to its sizes
     */
    public ContextCrop plan(FillRequest request, Capabilities capabilities) throws EngineException {
        List<String> problems = capabilities.problemsWith(request);
        if (!problems.isEmpty()) {
            throw new EngineException(EngineException.Category.INVALID_INPUT,
                    "This engine cannot run the request: " + String.join("; ", problems));
        }
        Region box = MaskOps.boundingBox(request.mask())
                .orElseThrow(() -> new EngineException(EngineException.Category.INVALID_INPUT,
                        "mask is empty: nothing to fill (paint the area to regenerate)"));
        return plan(request.image().getWidth(), request.image().getHeight(), box, request.workingSize(),
                request.workResolution(), capabilities);
    }

    /**
     * What {@code request} should cost on an engine with {@code capabilities}: its price applied to the image count
     * and the size {@link #plan(FillRequest, Capabilities)} would send. A job this engine would refuse is priced
     * without a size (a price by size is then {@link PriceEstimate.Kind#NEEDS_SIZE}): the job is refused anyway.
     */
    public PriceEstimate estimate(FillRequest request, Capabilities capabilities) {
        return priced(capabilities, request.imageCount(), () -> plan(request, capabilities));
    }

    /**
     * What a job should cost before there is a request (the editor's estimate under Generate): the price applied to
     * {@code imageCount} and the size {@link #plan(int, int, Region, java.util.OptionalInt, WorkResolution,
     * Capabilities)} would send for {@code maskBox}; without a mask (null) a price by size is
     * {@link PriceEstimate.Kind#NEEDS_SIZE}.
     */
    public PriceEstimate estimate(int imageWidth, int imageHeight, Region maskBox, WorkResolution resolution,
                                  int imageCount, Capabilities capabilities) {
        return priced(capabilities, imageCount, maskBox == null ? null : () -> plan(imageWidth, imageHeight, maskBox,
                java.util.OptionalInt.empty(), resolution, capabilities));
    }

    /** A crop plan that may refuse the job. */
    @FunctionalInterface
    private interface CropPlan {
        ContextCrop plan() throws EngineException;
    }

    private static PriceEstimate priced(Capabilities capabilities, int imageCount, CropPlan plan) {
        int width = 0;
        int height = 0;
        if (plan != null && capabilities.price().map(Price::bySize).orElse(false)) {
            try {
                ContextCrop crop = plan.plan();
                width = crop.workWidth();
                height = crop.workHeight();
            } catch (EngineException e) {
                // refused with its own message when the job runs (the editor's Generate says why)
            }
        }
        return PriceEstimate.of(capabilities.price(), imageCount, width, height);
    }

    /**
     * The crop a job would send for a mask whose painted pixels lie in {@code maskBox}, without the photo or the
     * mask's pixels: what the editor prices before Generate. The request's own settings are not checked here.
     *
     * @throws EngineException {@link EngineException.Category#INVALID_INPUT} when the area cannot be fitted
     */
    public ContextCrop plan(int imageWidth, int imageHeight, Region maskBox, java.util.OptionalInt workingSize,
                            WorkResolution resolution, Capabilities capabilities) throws EngineException {
        long modelPixels = resolution == WorkResolution.MODEL ? capabilities.workingPixels() : 0;
        return ContextCrop.plan(imageWidth, imageHeight, maskBox, padding, capabilities, workingSize, modelPixels);
    }

    /** Runs the whole job on the calling thread; call it off the UI thread. */
    public FillResult run(Engine engine, FillRequest request, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        return run(engine, request, null, progress, cancellation);
    }

    /**
     * Fetches the results of {@code job}, which {@code engine} submitted for this same request before a failure
     * ({@link EngineException#submittedJob()}), and pastes them back like {@link #run}: the crop is planned again
     * (it depends only on the request and the engine) and nothing is submitted.
     *
     * @throws EngineException {@link EngineException.Category#INVALID_INPUT} when the job is not resumable or
     *                         belongs to another engine
     */
    public FillResult resume(Engine engine, String engineId, FillRequest request, SubmittedJob job,
                             ProgressListener progress, Cancellation cancellation) throws EngineException {
        if (!job.resumable() || !job.engineId().equals(engineId)) {
            throw new EngineException(EngineException.Category.INVALID_INPUT, "Cannot fetch the results of " + job
                    + " with the engine " + engineId);
        }
        return run(engine, request, job, progress, cancellation);
    }

    /** @param resumed the earlier submission to fetch instead of submitting, or null */
    private FillResult run(Engine engine, FillRequest request, SubmittedJob resumed, ProgressListener progress,
                           Cancellation cancellation) throws EngineException {
        long started = System.nanoTime();
        progress.onProgress(ProgressEvent.preparing());
        cancellation.throwIfCancelled();
        Capabilities capabilities = engine.capabilities();
        ContextCrop crop = plan(request, capabilities);
        long maxSeed = Math.min(capabilities.maxSeed(), FillRequest.MAX_SEED);
        long seed = resumed != null ? resumed.seed()
                : request.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong(maxSeed + 1));
        Mask engineMask = capabilities.binaryMask() ? crop.coveringMask(request.mask()) : crop.mask(request.mask());
        EngineInput input = new EngineInput(crop.image(request.image()), engineMask, request.prompt(),
                request.steps(), request.guidance(), seed, request.imageCount(), request.loras(), request.safetyChecker());
        PasteBack pasteBack = new PasteBack(request.mask(), crop.region(), featherRadius);
        // Measured before the engine runs, so nothing that could fail is left between a paid result and its layer.
        ColorMatch colorMatch = request.colorMatch()
                ? ColorMatch.of(request.image(), request.mask(), crop.region(), seamGap(crop)) : null;
        cancellation.throwIfCancelled();

        EngineResult result = resumed == null ? engine.fill(input, progress, cancellation)
                : engine.resume(resumed, input, progress, cancellation);
        // From here on the outputs exist and are paid for: a cancel that arrives now is too late to save
        // anything, so the results are delivered rather than thrown away.
        List<BufferedImage> layers = new ArrayList<>();
        List<Boolean> matched = new ArrayList<>();
        for (BufferedImage output : result.images()) {
            int[] generated = pasteBack.scaled(output);
            matched.add(colorMatch != null && colorMatch.correct(generated));
            layers.add(pasteBack.layerOf(generated));
        }
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        progress.onProgress(ProgressEvent.done());
        return new FillResult(layers, crop, result.seed().orElse(seed), result.timings().withTotalIfUnknown(total), result,
                matched);
    }

    /**
     * Source pixels next to the mask left out of the colour-match ring: two, plus one work pixel (a hosted
     * engine's mask is grown by one, and the new content may spill over that far).
     */
    static int seamGap(ContextCrop crop) {
        return 2 + (int) Math.ceil(1 / Math.min(crop.scaleX(), crop.scaleY()));
    }
}
