package com.maskfill.engine.remote.bfl;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Cost;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.RemoteImages;
import com.maskfill.engine.remote.RemoteJobSupport;
import com.maskfill.engine.remote.bfl.BflResponses.Result;
import com.maskfill.engine.remote.bfl.BflResponses.Submitted;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.HttpReply;
import com.maskfill.engine.remote.http.HttpStatusException;
import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.ProviderErrors;
import com.maskfill.engine.remote.http.ProviderFailure;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteTuning;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;

/**
 * FLUX.1 Fill [pro] on Black Forest Labs' own API: one JSON submission with image and mask inline, polls of the
 * {@code polling_url} it returned until {@code Ready}, then the output fetched at once (its signed URL lives ten
 * minutes). BFL has no cancel endpoint: cancelling stops the polls, and the job may still finish and be billed. A
 * long outage leaves the job resumable by id; the polling URL is remembered for the engine's life, and without
 * it {@code get_result} on the root is asked.
 */
public final class BflEngine implements Engine {

    static final String ENGINE_ID = "bfl";
    static final String PROVIDER = "Black Forest Labs";

    /** Polls that may answer "Task not found" before it counts: BFL's own client waits out a few [CUIb]. */
    private static final int NOT_FOUND_GRACE = 5;

    private final BflApi api;
    private final RemoteJobSupport support;
    private final Map<String, String> pollingUrls = new ConcurrentHashMap<>();

    BflEngine(HttpUrl root, Secret apiKey, BflOptions options, RemoteTuning tuning) {
        this.api = new BflApi(root, apiKey, options);
        this.support = new RemoteJobSupport(ENGINE_ID, PROVIDER, EnvironmentCredentials.BFL_API_KEY,
                HttpClients.forApi(tuning.timeouts()), Redactor.of(apiKey), tuning, ProviderErrors.standard(PROVIDER));
    }

    @Override
    public Capabilities capabilities() {
        return BflEngineProvider.CAPABILITIES;
    }

    @Override
    public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        return support.run(input, cancellation, scope -> {
            byte[] image = RemoteImages.png(input.image());
            byte[] mask = RemoteImages.png(input.mask());
            long bytes = image.length + (long) mask.length;
            progress.onProgress(ProgressEvent.uploading(0, bytes));
            Submitted submitted = support.api().json(support.api().sendOnce(api.submit(input, image, mask), scope),
                    Submitted.class);
            if (submitted.id() == null || submitted.id().isBlank()) {
                throw new MalformedResponseException(PROVIDER + " accepted the job without an id");
            }
            progress.onProgress(ProgressEvent.uploading(bytes, bytes));
            if (submitted.pollingUrl() != null) {
                pollingUrls.put(submitted.id(), submitted.pollingUrl());
            }
            return complete(support.accepted(submitted.id(), input), submitted.pollingUrl(), cost(submitted.cost()),
                    input, progress, scope);
        });
    }

    /** Polls the task by id (nothing is submitted) and fetches its output; a known output URL is fetched directly. */
    @Override
    public EngineResult resume(SubmittedJob job, EngineInput input, ProgressListener progress,
                               Cancellation cancellation) throws EngineException {
        return support.run(input, cancellation, scope -> {
            if (job.jobId() == null) {
                if (job.outputUrls().isEmpty()) {
                    throw new ProviderFailure(Category.INVALID_INPUT, PROVIDER + " never said which task this was, "
                            + "so its results cannot be fetched", null);
                }
                return download(job, job.outputUrls(), null, null, input, progress, scope);
            }
            return complete(job, pollingUrls.get(job.jobId()), null, input, progress, scope);
        });
    }

    private EngineResult complete(SubmittedJob job, String pollingUrl, Cost cost, EngineInput input,
                                  ProgressListener progress, CallScope scope) throws IOException {
        // Nothing to stop at the provider: BFL offers no cancel.
        Result done = support.awaitSubmittedJob(job, () -> { }, () -> awaitEnd(job.jobId(), pollingUrl, progress, scope));
        return finish(done, job, cost, input, progress, scope);
    }

    private Result awaitEnd(String id, String pollingUrl, ProgressListener progress, CallScope scope)
            throws IOException {
        AtomicInteger notFound = new AtomicInteger();
        AtomicReference<String> shown = new AtomicReference<>();
        progress.onProgress(ProgressEvent.queued(ProgressEvent.UNKNOWN));
        return support.poller().until(PROVIDER + " task " + id, () -> {
            Result r;
            try {
                HttpReply reply = support.afterSubmit().sendRepeatable(api.poll(pollingUrl, id), scope);
                if (reply.status() == 202 && reply.body().length == 0) {
                    return Optional.empty(); // "not yet", as BFL's own client reads a bare 202
                }
                r = support.api().json(reply, Result.class);
            } catch (HttpStatusException e) {
                if (e.status() == 404 && notFound.incrementAndGet() <= NOT_FOUND_GRACE) {
                    return Optional.empty();
                }
                throw e;
            }
            BflStatus status = BflStatus.of(r.status());
            if (status == BflStatus.NOT_FOUND) {
                if (notFound.incrementAndGet() <= NOT_FOUND_GRACE) {
                    return Optional.empty();
                }
                throw new ProviderFailure(Category.PROVIDER_FAILED, PROVIDER + " does not know task " + id
                        + " (any more): it is unknown or its results expired", r.status());
            }
            if (status == BflStatus.PENDING) {
                report(r.progress(), shown, progress);
            }
            return status.isTerminal() ? Optional.of(r) : Optional.empty();
        }, scope);
    }

    /** BFL reports a 0–1 fraction, not steps: shown as a percentage, once per change. */
    private static void report(Double fraction, AtomicReference<String> shown, ProgressListener progress) {
        String now = fraction == null ? "" : Math.round(Math.max(0, Math.min(1, fraction)) * 100) + " %";
        if (!now.equals(shown.getAndSet(now))) {
            progress.onProgress(new ProgressEvent(ProgressEvent.Stage.RUNNING, ProgressEvent.UNKNOWN,
                    ProgressEvent.UNKNOWN, now));
        }
    }

    private EngineResult finish(Result r, SubmittedJob job, Cost cost, EngineInput input, ProgressListener progress,
                                CallScope scope) throws IOException {
        switch (BflStatus.of(r.status())) {
            case REQUEST_MODERATED -> throw new ProviderFailure(Category.SAFETY_FLAGGED, PROVIDER
                    + "'s moderation refused the request (Request Moderated; moderated requests are not charged)",
                    r.reason());
            case CONTENT_MODERATED -> throw new ProviderFailure(Category.SAFETY_FLAGGED, PROVIDER
                    + "'s moderation withheld the output (Content Moderated)", r.reason());
            case ERROR -> throw new ProviderFailure(Category.PROVIDER_FAILED, PROVIDER + " ended task " + job.jobId()
                    + " with an error", r.reason());
            default -> {
            }
        }
        String sample = r.sample();
        if (sample == null || sample.isBlank()) {
            throw new MalformedResponseException(PROVIDER + " reported task " + job.jobId() + " Ready without result.sample");
        }
        return download(job, List.of(sample), r.seed(), cost, input, progress, scope);
    }

    private EngineResult download(SubmittedJob job, List<String> urls, Long seed, Cost cost, EngineInput input,
                                  ProgressListener progress, CallScope scope) throws IOException {
        List<BufferedImage> images;
        try {
            images = support.downloadAll(job, urls, input.width(), input.height(), RemoteJobSupport.EXACT, progress, scope);
        } catch (HttpStatusException e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw new ProviderFailure(Category.PROVIDER_FAILED, PROVIDER + "'s output link no longer works (HTTP "
                        + e.status() + "): its links expire ten minutes after the job ends", e.getMessage());
            }
            throw e;
        }
        EngineResult.Builder result = EngineResult.builder().providerJobId(job.jobId()).cost(cost);
        if (seed != null) {
            result.seed(seed);
        }
        images.forEach(result::addImage);
        return result.build();
    }

    /** Credits to dollars (one credit is one cent); absent when the answer had no cost. */
    private static Cost cost(BigDecimal credits) {
        return credits == null ? null : new Cost(credits.movePointLeft(2), "USD");
    }
}
