package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Cost;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.engine.Timings;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An engine that behaves like a hosted one — upload, queue, steps, download — and fills its outputs with
 * a solid colour. With {@code hangAtStep} set it waits at that step until cancelled, the way a remote job
 * waits on the provider, and records that it cancelled "at the provider".
 */
final class FakeEngine implements Engine {

    static final Capabilities CAPABILITIES = Capabilities.builder().sideRange(256, 1536).guidanceRange(28, 35)
            .maxSeed(2_147_483_647L).cancellable(true).reportsSteps(true).credential("apiKey").build();

    private final int colour;
    private final int hangAtStep;
    private final Long reportedSeed;
    EngineInput received;
    SubmittedJob resumed;
    final AtomicBoolean cancelledAtProvider = new AtomicBoolean();

    FakeEngine(int colour, int hangAtStep, Long reportedSeed) {
        this.colour = colour;
        this.hangAtStep = hangAtStep;
        this.reportedSeed = reportedSeed;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /** Fetching an earlier job's results looks, to the pipeline, like a fill that submitted nothing. */
    @Override
    public EngineResult resume(SubmittedJob job, EngineInput input, ProgressListener progress,
                               Cancellation cancellation) throws EngineException {
        resumed = job;
        return fill(input, progress, cancellation);
    }

    @Override
    public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        received = input;
        progress.onProgress(ProgressEvent.uploading(0, 2000));
        progress.onProgress(ProgressEvent.uploading(2000, 2000));
        progress.onProgress(ProgressEvent.queued(2));
        progress.onProgress(ProgressEvent.queued(1));
        CountDownLatch stopped = new CountDownLatch(1);
        try (Cancellation.Registration ignored = cancellation.onCancel(() -> {
            cancelledAtProvider.set(true);
            stopped.countDown();
        })) {
            for (int step = 1; step <= input.steps(); step++) {
                progress.onProgress(ProgressEvent.running(step, input.steps()));
                if (step == hangAtStep && !stopped.await(10, TimeUnit.SECONDS)) {
                    throw new EngineException(EngineException.Category.NETWORK, "fake job never ended");
                }
                cancellation.throwIfCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.cancelled();
        }
        progress.onProgress(ProgressEvent.downloading(100, 100));
        EngineResult.Builder result = EngineResult.builder().providerJobId("job-42").cost(Cost.usd("0.035"))
                .timings(Timings.of(Duration.ofMillis(5), Duration.ofMillis(20), null));
        for (int i = 0; i < input.imageCount(); i++) {
            BufferedImage out = new BufferedImage(input.width(), input.height(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < out.getHeight(); y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    out.setRGB(x, y, colour + i);
                }
            }
            result.addImage(out);
        }
        if (reportedSeed != null) {
            result.seed(reportedSeed);
        }
        return result.nsfwFlags(java.util.Collections.nCopies(input.imageCount(), false)).build();
    }
}
