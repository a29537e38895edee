package com.maskfill.engine.remote.wavespeed;

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
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.HttpReply;
import com.maskfill.engine.remote.http.HttpStatusException;
import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.ProviderFailure;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.wavespeed.WaveSpeedResponses.Prediction;
import com.maskfill.engine.remote.wavespeed.WaveSpeedResponses.PredictionEnvelope;
import com.maskfill.engine.remote.wavespeed.WaveSpeedResponses.Upload;
import com.maskfill.engine.remote.wavespeed.WaveSpeedResponses.UploadEnvelope;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * FLUX.1 Fill [dev] on WaveSpeedAI: upload image and mask, submit once, poll {@code …/predictions/{id}/result}
 * until {@code completed} or {@code failed}, download the outputs. Cancelling, a timeout or a failure reported
 * while polling deletes the prediction; a long outage leaves it to finish, and {@link #resume} fetches it by id.
 */
public final class WaveSpeedEngine implements Engine {

    /** Task error code for a content-moderation refusal (hosted-apis.md §2.5). */
    private static final int MODERATION_CODE = 1200;

    private final WaveSpeedModel model;
    private final WaveSpeedApi api;
    private final RemoteJobSupport support;

    WaveSpeedEngine(WaveSpeedModel model, HttpUrl root, Secret apiKey, RemoteTuning tuning) {
        this.model = model;
        this.api = new WaveSpeedApi(model, root, apiKey);
        this.support = new RemoteJobSupport(model.id(), "WaveSpeedAI", EnvironmentCredentials.WAVESPEED_API_KEY,
                HttpClients.forApi(tuning.timeouts()), Redactor.of(apiKey), tuning);
    }

    @Override
    public Capabilities capabilities() {
        return model.capabilities();
    }

    @Override
    public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        return support.run(input, cancellation, scope -> {
            String imageUrl = upload(RemoteImages.png(input.image()), "image.png", progress, scope);
            String maskUrl = upload(RemoteImages.png(input.mask()), "mask.png", progress, scope);
            Prediction submitted = prediction(support.api().sendOnce(api.submit(input, imageUrl, maskUrl), scope));
            if (submitted.id() == null || submitted.id().isBlank()) {
                throw new MalformedResponseException("WaveSpeedAI accepted the job without a prediction id");
            }
            String urlsGet = submitted.urls() == null ? null : submitted.urls().get();
            return complete(support.accepted(submitted.id(), input), urlsGet, submitted.status(), input, progress, scope);
        });
    }

    /** Polls the prediction by id (nothing is submitted) and downloads its outputs. */
    @Override
    public EngineResult resume(SubmittedJob job, EngineInput input, ProgressListener progress,
                               Cancellation cancellation) throws EngineException {
        return support.run(input, cancellation, scope -> complete(job, null, null, input, progress, scope));
    }

    private EngineResult complete(SubmittedJob job, String urlsGet, String status, EngineInput input,
                                  ProgressListener progress, CallScope scope) throws IOException {
        // Stop the work (and, where WaveSpeed does not bill a deleted task, the charge) before giving up on it.
        Prediction done = support.awaitSubmittedJob(job, () -> support.cancelQuietly(api.delete(job.jobId())),
                () -> awaitEnd(job.jobId(), urlsGet, status, progress, scope));
        return finish(done, job, input, progress, scope);
    }

    private String upload(byte[] png, String filename, ProgressListener progress, CallScope scope) throws IOException {
        progress.onProgress(ProgressEvent.uploading(0, png.length));
        String url = model.uploadTicketPath() == null ? null : uploadWithTicket(png, filename, scope);
        if (url == null) {
            url = uploaded(support.api().sendRepeatable(api.upload(png, filename), scope), filename).downloadUrl();
        }
        progress.onProgress(ProgressEvent.uploading(png.length, png.length));
        return url;
    }

    /**
     * The SDKs' current two-step upload (ticket, then PUT to storage); null when the server does not offer
     * it (404/405), so the documented one-shot upload is used instead (hosted-apis.md §2.6).
     */
    private String uploadWithTicket(byte[] png, String filename, CallScope scope) throws IOException {
        Upload ticket;
        try {
            ticket = uploaded(support.api().sendRepeatable(api.uploadTicket(filename, png.length), scope), filename);
        } catch (HttpStatusException e) {
            if (e.status() == 404 || e.status() == 405) {
                return null;
            }
            throw e;
        }
        if (ticket.upload() == null || ticket.upload().url() == null) {
            throw new MalformedResponseException("WaveSpeedAI upload ticket for " + filename + " has no data.upload.url");
        }
        Request put;
        try {
            put = api.uploadBytes(ticket.upload().url(), ticket.upload().headers(), png);
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException(e.getMessage());
        }
        support.api().sendRepeatable(put, scope);
        return ticket.downloadUrl();
    }

    private Upload uploaded(HttpReply reply, String filename) throws IOException {
        UploadEnvelope envelope = support.api().json(reply, UploadEnvelope.class);
        if (!envelope.ok()) {
            throw new HttpStatusException("WaveSpeedAI upload of " + filename, envelope.code(),
                    String.valueOf(envelope.message()), null);
        }
        if (envelope.data() == null || envelope.data().downloadUrl() == null) {
            throw new MalformedResponseException(reply.what() + " answered without data.download_url");
        }
        return envelope.data();
    }

    /** The envelope's {@code code} is checked too: WaveSpeed may report a failure inside an HTTP 200. */
    private Prediction prediction(HttpReply reply) throws IOException {
        PredictionEnvelope envelope = support.api().json(reply, PredictionEnvelope.class);
        if (!envelope.ok()) {
            throw new HttpStatusException(reply.what(), envelope.code(), String.valueOf(envelope.message()), null);
        }
        if (envelope.data() == null) {
            throw new MalformedResponseException(reply.what() + " answered without data");
        }
        return envelope.data();
    }

    /**
     * A poll's answer. A failure code inside its HTTP 200 is the provider's own word, not a transport problem:
     * the job is not waited for any longer (and is deleted).
     */
    private Prediction polled(HttpReply reply) throws IOException {
        try {
            return prediction(reply);
        } catch (HttpStatusException e) {
            throw new ProviderFailure(Category.PROVIDER_FAILED, "WaveSpeedAI reported code " + e.status()
                    + " while polling", e.bodyExcerpt());
        }
    }

    private Prediction awaitEnd(String id, String urlsGet, String initialStatus, ProgressListener progress,
                                CallScope scope) throws IOException {
        AtomicReference<WaveSpeedStatus> last = new AtomicReference<>();
        if (initialStatus != null) {
            report(WaveSpeedStatus.of(initialStatus), last, progress);
        }
        return support.poller().until("WaveSpeedAI prediction " + id, () -> {
            Prediction p = polled(support.afterSubmit().sendRepeatable(api.result(id, urlsGet), scope));
            WaveSpeedStatus status = WaveSpeedStatus.of(p.status());
            report(status, last, progress);
            return status.isTerminal() ? Optional.of(p) : Optional.empty();
        }, scope);
    }

    private static void report(WaveSpeedStatus status, AtomicReference<WaveSpeedStatus> last, ProgressListener progress) {
        if (!status.isTerminal() && last.getAndSet(status) != status) {
            progress.onProgress(status.isQueued() ? ProgressEvent.queued(ProgressEvent.UNKNOWN) : ProgressEvent.running());
        }
    }

    private EngineResult finish(Prediction p, SubmittedJob job, EngineInput input, ProgressListener progress,
                                CallScope scope) throws IOException {
        WaveSpeedStatus status = WaveSpeedStatus.of(p.status());
        if (p.code() != null && p.code() == MODERATION_CODE) {
            throw new ProviderFailure(Category.SAFETY_FLAGGED, "WaveSpeedAI's content moderation refused the job",
                    p.error());
        }
        if (status != WaveSpeedStatus.COMPLETED) {
            throw new ProviderFailure(Category.PROVIDER_FAILED, "WaveSpeedAI ended the job as " + p.status()
                    + (p.code() == null ? "" : " (code " + p.code() + ")"), p.error());
        }
        List<String> outputs = p.outputsOrEmpty();
        if (outputs.isEmpty()) {
            throw new MalformedResponseException("WaveSpeedAI completed prediction " + p.id() + " without outputs");
        }
        List<Boolean> nsfw = p.nsfwOrEmpty();
        if (nsfw.size() == outputs.size() && nsfw.stream().allMatch(Boolean.TRUE::equals)) {
            throw new ProviderFailure(Category.SAFETY_FLAGGED, "WaveSpeedAI's safety checker flagged every output",
                    "has_nsfw_contents=" + nsfw);
        }
        List<BufferedImage> images = support.downloadAll(job, outputs, input.width(), input.height(),
                RemoteJobSupport.EXACT, progress, scope);
        EngineResult.Builder result = EngineResult.builder().providerJobId(p.id())
                .timings(Timings.of(null, inference(p), null));
        images.forEach(result::addImage);
        if (nsfw.size() == outputs.size()) {
            result.nsfwFlags(nsfw);
        }
        return result.build();
    }

    private static Duration inference(Prediction p) {
        return p.timings() == null || p.timings().inference() == null ? null : Duration.ofMillis(p.timings().inference());
    }
}
