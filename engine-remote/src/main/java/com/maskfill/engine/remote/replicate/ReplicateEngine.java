package com.maskfill.engine.remote.replicate;

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
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.RemoteImages;
import com.maskfill.engine.remote.RemoteJobSupport;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.HttpStatusException;
import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.ProviderErrors;
import com.maskfill.engine.remote.http.ProviderFailure;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.SubmitUnconfirmedException;
import com.maskfill.engine.remote.http.UnfinishedJobException;
import com.maskfill.engine.remote.replicate.ReplicateResponses.Prediction;
import com.maskfill.engine.remote.replicate.ReplicateResponses.UploadedFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * FLUX.1 Fill on Replicate: image and mask as data URLs (or through the Files API when larger than Replicate
 * keeps inline), one prediction created with {@code Prefer: wait} and a {@code Cancel-After} deadline, polls of
 * {@code urls.get} with the sampler's steps read from the logs, then the outputs fetched within the hour they
 * live; uploaded inputs are deleted once the prediction no longer needs them. Cancelling, a timeout or a failure
 * seen while polling cancels the prediction; a long outage leaves it running, and {@link #resume} fetches it by id.
 */
public final class ReplicateEngine implements Engine {

    static final String PROVIDER = "Replicate";

    /** Larger inputs go through the Files API: Replicate's Python client inlines files only up to 256 kB [RPY]. */
    static final int MAX_DATA_URL_BYTES = 256 * 1024;

    /** The sampler's tqdm line, e.g. {@code 45%|████▌     | 13/28 [00:02<00:03, 4.9it/s]}. */
    private static final Pattern STEP = Pattern.compile("(\\d+)/(\\d+) \\[");

    private final ReplicateModel model;
    private final ReplicateApi api;
    private final RemoteJobSupport support;
    private final RemoteTuning tuning;

    ReplicateEngine(ReplicateModel model, HttpUrl root, Secret token, int safetyTolerance, RemoteTuning tuning) {
        this.model = model;
        this.api = new ReplicateApi(model, root, token, safetyTolerance);
        this.support = new RemoteJobSupport(model.id(), PROVIDER, EnvironmentCredentials.REPLICATE_API_TOKEN,
                HttpClients.forApi(tuning.timeouts()), Redactor.of(token), tuning, ProviderErrors.standard(PROVIDER));
        this.tuning = tuning;
    }

    @Override
    public Capabilities capabilities() {
        return model.capabilities();
    }

    @Override
    public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        return support.run(input, cancellation, scope -> {
            checkLoraScale(input);
            List<String> uploaded = new ArrayList<>();
            try {
                String image = input(RemoteImages.png(input.image()), "image.png", uploaded, progress, scope);
                String mask = input(RemoteImages.png(input.mask()), "mask.png", uploaded, progress, scope);
                Prediction submitted = support.api().json(support.api().sendOnce(
                        api.submit(input, image, mask, tuning.jobTimeout()), scope), Prediction.class);
                if (submitted.id() == null || submitted.id().isBlank()) {
                    throw new MalformedResponseException(PROVIDER + " created the prediction without an id");
                }
                EngineResult result = complete(support.accepted(submitted.id(), input), submitted, input, progress, scope);
                deleteQuietly(uploaded);
                return result;
            } catch (UnfinishedJobException | SubmitUnconfirmedException e) {
                throw e; // the prediction may still read its inputs: they stay until Replicate expires them
            } catch (IOException | RuntimeException e) {
                deleteQuietly(uploaded);
                throw e;
            }
        });
    }

    /** The photo is private: uploaded copies are deleted once no prediction can need them any more. */
    private void deleteQuietly(List<String> fileIds) {
        fileIds.forEach(id -> support.cancelQuietly(api.deleteFile(id)));
    }

    /** Polls the prediction by id (nothing is created) and fetches its outputs. */
    @Override
    public EngineResult resume(SubmittedJob job, EngineInput input, ProgressListener progress,
                               Cancellation cancellation) throws EngineException {
        return support.run(input, cancellation, scope -> {
            if (job.jobId() == null) {
                throw new ProviderFailure(Category.INVALID_INPUT, PROVIDER + " never said which prediction this was, "
                        + "so its results cannot be fetched", null);
            }
            return complete(job, null, input, progress, scope);
        });
    }

    /** flux-fill-dev takes LoRA scales −1…3 [Rdev]; checked before anything is sent. */
    private void checkLoraScale(EngineInput input) throws ProviderFailure {
        for (Lora lora : input.loras()) {
            if (lora.scale() < -1 || lora.scale() > 3) {
                throw new ProviderFailure(Category.INVALID_INPUT, "lora scale = " + lora.scale()
                        + " is out of range: " + model.displayName() + " allows -1–3", null);
            }
        }
    }

    /** A data URL when small, otherwise an upload to the Files API (repeatable: a second copy costs nothing). */
    private String input(byte[] png, String filename, List<String> uploaded, ProgressListener progress,
                         CallScope scope) throws IOException {
        if (png.length <= MAX_DATA_URL_BYTES) {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        }
        progress.onProgress(ProgressEvent.uploading(0, png.length));
        UploadedFile file = support.api().json(support.api().sendRepeatable(api.upload(png, filename), scope),
                UploadedFile.class);
        if (file.urls() == null || file.urls().get() == null) {
            throw new MalformedResponseException(PROVIDER + " stored " + filename + " without urls.get");
        }
        if (file.id() != null) {
            uploaded.add(file.id());
        }
        progress.onProgress(ProgressEvent.uploading(png.length, png.length));
        return file.urls().get();
    }

    private EngineResult complete(SubmittedJob job, Prediction first, EngineInput input, ProgressListener progress,
                                  CallScope scope) throws IOException {
        String getUrl = first == null ? null : first.getUrl();
        String cancelUrl = first == null ? null : first.cancelUrl();
        Prediction done = support.awaitSubmittedJob(job,
                () -> support.cancelQuietly(api.cancel(job.jobId(), cancelUrl)),
                () -> awaitEnd(job.jobId(), getUrl, first, progress, scope));
        return finish(done, job, input, progress, scope);
    }

    private Prediction awaitEnd(String id, String getUrl, Prediction first, ProgressListener progress, CallScope scope)
            throws IOException {
        AtomicReference<String> last = new AtomicReference<>();
        if (first != null) {
            report(first, last, progress);
            if (ReplicateStatus.of(first.status()).isTerminal()) {
                return first; // Prefer: wait brought the answer with the submission
            }
        }
        return support.poller().until(PROVIDER + " prediction " + id, () -> {
            Prediction p = support.api().json(support.afterSubmit().sendRepeatable(api.get(id, getUrl), scope),
                    Prediction.class);
            report(p, last, progress);
            return ReplicateStatus.of(p.status()).isTerminal() ? Optional.of(p) : Optional.empty();
        }, scope);
    }

    /** Queued while starting; running, with the step from the sampler's last progress line when the logs have one. */
    private static void report(Prediction p, AtomicReference<String> last, ProgressListener progress) {
        ReplicateStatus status = ReplicateStatus.of(p.status());
        if (status.isTerminal()) {
            return;
        }
        ProgressEvent event = status == ReplicateStatus.STARTING ? ProgressEvent.queued(ProgressEvent.UNKNOWN)
                : lastStep(p.logs()).orElse(ProgressEvent.running());
        String key = event.stage() + " " + event.current() + "/" + event.total();
        if (!key.equals(last.getAndSet(key))) {
            progress.onProgress(event);
        }
    }

    static Optional<ProgressEvent> lastStep(String logs) {
        if (logs == null) {
            return Optional.empty();
        }
        Matcher m = STEP.matcher(logs);
        ProgressEvent found = null;
        while (m.find()) {
            int step = Integer.parseInt(m.group(1));
            int steps = Integer.parseInt(m.group(2));
            if (steps > 0 && step <= steps) {
                found = ProgressEvent.running(step, steps);
            }
        }
        return Optional.ofNullable(found);
    }

    private EngineResult finish(Prediction p, SubmittedJob job, EngineInput input, ProgressListener progress,
                                CallScope scope) throws IOException {
        ReplicateStatus status = ReplicateStatus.of(p.status());
        String error = p.errorText();
        if (status == ReplicateStatus.FAILED) {
            boolean flagged = isModeration(error);
            throw new ProviderFailure(flagged ? Category.SAFETY_FLAGGED : Category.PROVIDER_FAILED,
                    PROVIDER + (flagged ? "'s safety checks refused prediction " : " failed prediction ") + p.id(), error);
        }
        if (status == ReplicateStatus.CANCELED || status == ReplicateStatus.ABORTED) {
            throw new ProviderFailure(Category.PROVIDER_FAILED, PROVIDER + " ended prediction " + p.id() + " as "
                    + p.status() + (status == ReplicateStatus.ABORTED ? " before it started (not charged)" : ""), error);
        }
        List<String> urls = p.outputUrls();
        if (urls.isEmpty()) {
            throw new MalformedResponseException(PROVIDER + " prediction " + p.id() + " succeeded without output");
        }
        List<BufferedImage> images;
        try {
            images = support.downloadAll(job, urls, input.width(), input.height(), RemoteJobSupport.EXACT, progress, scope);
        } catch (HttpStatusException e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw new ProviderFailure(Category.PROVIDER_FAILED, PROVIDER + "'s output link no longer works (HTTP "
                        + e.status() + "): outputs are deleted an hour after the prediction", e.getMessage());
            }
            throw e;
        }
        EngineResult.Builder result = EngineResult.builder().providerJobId(p.id()).timings(Timings.of(null,
                seconds(p.metrics() == null ? null : p.metrics().predictTime()), null));
        images.forEach(result::addImage);
        return result.build();
    }

    /** Replicate words a refusal in free text ("flagged as sensitive (E005)", "NSFW content detected"). */
    static boolean isModeration(String error) {
        if (error == null) {
            return false;
        }
        String e = error.toLowerCase(Locale.ROOT);
        return e.contains("nsfw") || e.contains("flagged") || e.contains("sensitive") || e.contains("moderat")
                || e.contains("content policy") || e.contains("safety");
    }

    private static Duration seconds(Double value) {
        return value == null ? null : Duration.ofMillis(Math.round(value * 1000));
    }
}
