package com.maskfill.engine.remote.fal;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.engine.Timings;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.RemoteImages;
import com.maskfill.engine.remote.RemoteJobSupport;
import com.maskfill.engine.remote.fal.FalResponses.Image;
import com.maskfill.engine.remote.fal.FalResponses.Output;
import com.maskfill.engine.remote.fal.FalResponses.Queued;
import com.maskfill.engine.remote.fal.FalResponses.Status;
import com.maskfill.engine.remote.fal.FalResponses.UploadTicket;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.HttpStatusException;
import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.ProviderFailure;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteTuning;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * FLUX.1 Fill on fal's queue: image and mask uploaded to fal's CDN (kept an hour), one submission (never
 * re-sent, although fal's own client re-sends on 502/503/504), polls of the {@code status_url} it returned with
 * the queue position and log lines as progress, then the {@code response_url} and the outputs. Cancelling, a
 * timeout or a failure seen while waiting sends a PUT to the {@code cancel_url}; a long outage leaves the request
 * to finish, and {@link #resume} follows it by id (through the remembered URLs, or the documented paths).
 */
public final class FalEngine implements Engine {

    static final String PROVIDER = "fal";

    private final FalModel model;
    private final FalApi api;
    private final RemoteJobSupport support;
    private final Map<String, Queued> queued = new ConcurrentHashMap<>();

    FalEngine(FalModel model, HttpUrl queueRoot, HttpUrl storageRoot, Secret key, String safetyTolerance,
              RemoteTuning tuning) {
        this.model = model;
        this.api = new FalApi(model, queueRoot, storageRoot, key, safetyTolerance);
        this.support = new RemoteJobSupport(model.id(), PROVIDER, EnvironmentCredentials.FAL_KEY,
                HttpClients.forApi(tuning.timeouts()), Redactor.of(key), tuning, FalResponses.errors(PROVIDER));
    }

    @Override
    public Capabilities capabilities() {
        return model.capabilities();
    }

    @Override
    public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        return support.run(input, cancellation, scope -> {
            String image = upload(RemoteImages.png(input.image()), "image.png", progress, scope);
            String mask = upload(RemoteImages.png(input.mask()), "mask.png", progress, scope);
            Queued submitted = support.api().json(support.api().sendOnce(api.submit(input, image, mask), scope),
                    Queued.class);
            if (submitted.requestId() == null || submitted.requestId().isBlank()) {
                throw new MalformedResponseException(PROVIDER + " queued the request without a request_id");
            }
            queued.put(submitted.requestId(), submitted);
            if (submitted.queuePosition() != null) {
                progress.onProgress(ProgressEvent.queued(submitted.queuePosition() + 1));
            }
            return complete(support.accepted(submitted.requestId(), input), submitted, input, progress, scope);
        });
    }

    /** Follows the request by id (nothing is submitted) and fetches its outputs. */
    @Override
    public EngineResult resume(SubmittedJob job, EngineInput input, ProgressListener progress,
                               Cancellation cancellation) throws EngineException {
        return support.run(input, cancellation, scope -> {
            if (job.jobId() == null) {
                throw new ProviderFailure(Category.INVALID_INPUT, PROVIDER + " never said which request this was, "
                        + "so its results cannot be fetched", null);
            }
            Queued known = queued.getOrDefault(job.jobId(), new Queued(job.jobId(), null, null, null, null, null));
            return complete(job, known, input, progress, scope);
        });
    }

    private String upload(byte[] png, String filename, ProgressListener progress, CallScope scope) throws IOException {
        progress.onProgress(ProgressEvent.uploading(0, png.length));
        UploadTicket ticket = support.api().json(support.api().sendRepeatable(api.initiateUpload(filename), scope),
                UploadTicket.class);
        if (ticket.uploadUrl() == null || ticket.fileUrl() == null) {
            throw new MalformedResponseException(PROVIDER + " upload of " + filename + " answered without upload_url or file_url");
        }
        Request put;
        try {
            put = api.uploadBytes(ticket.uploadUrl(), png);
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException(e.getMessage());
        }
        support.api().sendRepeatable(put, scope);
        progress.onProgress(ProgressEvent.uploading(png.length, png.length));
        return ticket.fileUrl();
    }

    private EngineResult complete(SubmittedJob job, Queued q, EngineInput input, ProgressListener progress,
                                  CallScope scope) throws IOException {
        AtomicReference<Status> last = new AtomicReference<>();
        Output output = support.awaitSubmittedJob(job,
                () -> support.cancelQuietly(api.cancel(job.jobId(), q.cancelUrl())),
                () -> {
                    last.set(awaitEnd(job.jobId(), q.statusUrl(), progress, scope));
                    return support.api().json(support.afterSubmit().sendRepeatable(
                            api.result(job.jobId(), q.responseUrl()), scope), Output.class);
                });
        return finish(output, job, last.get(), input, progress, scope);
    }

    private Status awaitEnd(String id, String statusUrl, ProgressListener progress, CallScope scope) throws IOException {
        AtomicReference<String> shown = new AtomicReference<>();
        return support.poller().until(PROVIDER + " request " + id, () -> {
            Status s = support.api().json(support.afterSubmit().sendRepeatable(api.status(id, statusUrl), scope),
                    Status.class);
            FalStatus status = FalStatus.of(s.status());
            if (status == FalStatus.COMPLETED) {
                if (s.error() != null && !s.error().isNull()) {
                    throw new ProviderFailure(Category.PROVIDER_FAILED, PROVIDER + " ended request " + id
                            + " with an error" + (s.errorType() == null ? "" : " (" + s.errorType() + ")"),
                            s.error().isTextual() ? s.error().asText() : s.error().toString());
                }
                return Optional.of(s);
            }
            ProgressEvent event = status == FalStatus.IN_QUEUE
                    ? ProgressEvent.queued(s.queuePosition() == null ? ProgressEvent.UNKNOWN : s.queuePosition() + 1)
                    : new ProgressEvent(ProgressEvent.Stage.RUNNING, ProgressEvent.UNKNOWN, ProgressEvent.UNKNOWN,
                    s.lastLog());
            String key = event.stage() + " " + event.current() + " " + event.detail();
            if (!key.equals(shown.getAndSet(key))) {
                progress.onProgress(event);
            }
            return Optional.empty();
        }, scope);
    }

    private EngineResult finish(Output output, SubmittedJob job, Status status, EngineInput input,
                                ProgressListener progress, CallScope scope) throws IOException {
        List<String> urls = output.imagesOrEmpty().stream().map(Image::url).filter(u -> u != null && !u.isBlank()).toList();
        if (urls.isEmpty()) {
            throw new MalformedResponseException(PROVIDER + " request " + job.jobId() + " completed without images");
        }
        List<Boolean> nsfw = output.nsfwOrEmpty();
        if (nsfw.size() == urls.size() && nsfw.stream().allMatch(Boolean.TRUE::equals)) {
            throw new ProviderFailure(Category.SAFETY_FLAGGED, PROVIDER + "'s safety checker flagged every output",
                    "has_nsfw_concepts=" + nsfw);
        }
        List<BufferedImage> images;
        try {
            images = support.downloadAll(job, urls, input.width(), input.height(), RemoteJobSupport.EXACT, progress, scope);
        } catch (HttpStatusException e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw new ProviderFailure(Category.PROVIDER_FAILED, PROVIDER + "'s output link no longer works (HTTP "
                        + e.status() + ")", e.getMessage());
            }
            throw e;
        }
        Double inference = status == null || status.metrics() == null ? null : status.metrics().inferenceTime();
        EngineResult.Builder result = EngineResult.builder().providerJobId(job.jobId())
                .timings(Timings.of(null, inference == null ? null : Duration.ofMillis(Math.round(inference * 1000)), null));
        if (output.seed() != null) {
            result.seed(output.seed());
        }
        images.forEach(result::addImage);
        if (nsfw.size() == urls.size()) {
            result.nsfwFlags(nsfw);
        }
        return result.build();
    }
}
