package com.maskfill.engine.remote;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.remote.http.CallCancelledException;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.DownloadedImage;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.HttpReply;
import com.maskfill.engine.remote.http.HttpStatusException;
import com.maskfill.engine.remote.http.ImageDownloader;
import com.maskfill.engine.remote.http.JobTimeoutException;
import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.Poller;
import com.maskfill.engine.remote.http.ProviderErrors;
import com.maskfill.engine.remote.http.ProviderFailure;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteFailures;
import com.maskfill.engine.remote.http.RemoteHttp;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.UnfinishedJobException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * What every hosted engine does the same way: run a job under a {@link CallScope} tied to the caller's
 * {@link Cancellation}, turn every failure (runtime ones included) into a redacted {@link EngineException},
 * look after a job once the provider has accepted it ({@link #awaitSubmittedJob}), download outputs at the asked
 * size, and send best-effort cancels after the job's own scope has been cancelled.
 */
public final class RemoteJobSupport {

    /** The provider-specific part of a job. */
    @FunctionalInterface
    public interface Job {
        EngineResult run(CallScope scope) throws IOException, EngineException;
    }

    /** A stretch of work on an accepted job: waiting for it, or fetching its outputs. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws IOException;
    }

    /** Brings one downloaded output to the size that was asked for; may report a notice through {@code progress}. */
    @FunctionalInterface
    public interface OutputFit {
        BufferedImage fit(BufferedImage output, int width, int height, ProgressListener progress) throws IOException;
    }

    /** Reads a cancel's answer: did the provider agree? */
    @FunctionalInterface
    public interface ReplyCheck {
        boolean accepted(HttpReply reply) throws IOException;
    }

    /** Scales the whole output to the whole input. */
    public static final OutputFit EXACT = (output, width, height, progress) -> RemoteImages.fit(output, width, height);

    private final String engineId;
    private final RemoteHttp api;
    private final RemoteHttp afterSubmit;
    private final ImageDownloader downloader;
    /** For outputs on the engine's own server, which need the same headers as its API (a proxy's token). */
    private final ImageDownloader ownDownloader;
    private final RemoteTuning tuning;
    private final RemoteFailures failures;

    /**
     * @param engineId  the provider id ({@code wavespeed}, ...) recorded with accepted jobs
     * @param apiClient the client for calls that carry credentials (from {@link HttpClients#forApi}, possibly
     *                  with a signing interceptor)
     */
    public RemoteJobSupport(String engineId, String provider, String credentialHint, OkHttpClient apiClient,
                            Redactor redactor, RemoteTuning tuning) {
        this(engineId, provider, credentialHint, apiClient, redactor, tuning, ProviderErrors.NONE);
    }

    /** @param providerErrors the provider's own reading of its error answers (see {@link ProviderErrors}) */
    public RemoteJobSupport(String engineId, String provider, String credentialHint, OkHttpClient apiClient,
                            Redactor redactor, RemoteTuning tuning, ProviderErrors providerErrors) {
        this.engineId = engineId;
        this.api = new RemoteHttp(provider, apiClient, tuning.retry(), tuning.sleeper(), redactor);
        this.afterSubmit = api.withRetry(tuning.afterSubmit());
        RemoteHttp downloads = new RemoteHttp(provider, HttpClients.forDownloads(tuning.timeouts()),
                tuning.afterSubmit(), tuning.sleeper(), redactor);
        this.downloader = new ImageDownloader(downloads, tuning.maxDownloadBytes(), tuning.maxOutputPixels());
        this.ownDownloader = new ImageDownloader(afterSubmit, tuning.maxDownloadBytes(), tuning.maxOutputPixels());
        this.tuning = tuning;
        this.failures = new RemoteFailures(provider, credentialHint, redactor, providerErrors);
    }

    /** For uploads, the submission and cancels. */
    public RemoteHttp api() {
        return api;
    }

    /** For the polls of an accepted job: repeatable calls that keep trying for the tuning's patience. */
    public RemoteHttp afterSubmit() {
        return afterSubmit;
    }

    public Poller poller() {
        return new Poller(tuning.poll(), tuning.sleeper());
    }

    /** The record of a job the provider accepted as {@code jobId} for {@code input}. */
    public SubmittedJob accepted(String jobId, EngineInput input) {
        return SubmittedJob.accepted(engineId, jobId, input.seed());
    }

    /** Runs a new job or a resumed one for {@code input}; every failure leaves here redacted. */
    public EngineResult run(EngineInput input, Cancellation cancellation, Job job) throws EngineException {
        cancellation.throwIfCancelled();
        CallScope scope = new CallScope();
        try (Cancellation.Registration ignored = cancellation.onCancel(scope::cancel)) {
            return job.run(scope);
        } catch (IOException e) {
            throw failures.toEngineException(e, SubmittedJob.unconfirmed(engineId, input.seed()));
        } catch (RuntimeException e) {
            throw failures.unexpected(e);
        }
    }

    /**
     * The one place that decides what happens to an accepted job when {@code step} fails. A short network
     * problem was already retried for the tuning's patience; if it lasted longer, the job is left to finish at
     * the provider and the failure carries {@code job}, so Retry can fetch its results without paying again.
     * A cancel, a timeout or a failure the provider reported stops the job at the provider first
     * ({@code stopAtProvider}, best effort), so it is not left running or billed for nothing.
     */
    public <T> T awaitSubmittedJob(SubmittedJob job, Runnable stopAtProvider, Step<T> step) throws IOException {
        try {
            return step.run();
        } catch (UnfinishedJobException e) {
            throw e;
        } catch (IOException e) {
            if (isNetworkTrouble(e)) {
                throw new UnfinishedJobException(job, e);
            }
            stopAtProvider.run();
            throw e;
        }
    }

    private static boolean isNetworkTrouble(IOException e) {
        if (e instanceof HttpStatusException status) {
            return status.status() >= 500 || status.status() == 408 || status.status() == 429;
        }
        return !(e instanceof CallCancelledException || e instanceof MalformedResponseException
                || e instanceof ProviderFailure || e instanceof JobTimeoutException);
    }

    /**
     * Downloads every output of the accepted {@code job} in order and fits each to {@code width}×{@code height};
     * an outage longer than the patience leaves the job resumable with these URLs.
     */
    public List<BufferedImage> downloadAll(SubmittedJob job, List<String> urls, int width, int height, OutputFit fit,
                                           ProgressListener progress, CallScope scope) throws IOException {
        return downloadEach(job.withOutputs(urls), urls, url -> downloader.download(url, scope), width, height, fit,
                progress);
    }

    /**
     * {@link #downloadAll} for outputs on the engine's own server, at URLs it built on its root (which passed the
     * endpoint rule when the engine was created), not URLs a provider returned.
     */
    public List<BufferedImage> downloadOwn(SubmittedJob job, List<HttpUrl> urls, int width, int height,
                                           OutputFit fit, ProgressListener progress, CallScope scope)
            throws IOException {
        return downloadEach(job, urls, url -> ownDownloader.download(url, scope), width, height, fit, progress);
    }

    /** One output's download. */
    @FunctionalInterface
    private interface Fetch<T> {
        DownloadedImage fetch(T where) throws IOException;
    }

    private <T> List<BufferedImage> downloadEach(SubmittedJob job, List<T> urls, Fetch<T> fetch, int width,
                                                 int height, OutputFit fit, ProgressListener progress)
            throws IOException {
        return awaitSubmittedJob(job, () -> { }, () -> {
            List<BufferedImage> images = new ArrayList<>();
            long bytes = 0;
            progress.onProgress(ProgressEvent.downloading(0, ProgressEvent.UNKNOWN));
            for (T url : urls) {
                DownloadedImage image = fetch.fetch(url);
                bytes += image.byteCount();
                progress.onProgress(ProgressEvent.downloading(bytes, ProgressEvent.UNKNOWN));
                images.add(fit.fit(image.image(), width, height, progress));
            }
            return images;
        });
    }

    /**
     * Sends a cancel/kill request in a fresh scope (the job's own may already be cancelled). Failures are
     * swallowed: the job ends as it would have whether or not the provider agreed.
     *
     * @param accepted whether the provider's 2xx answer means it agreed (Wiro answers {@code result:false})
     * @return true when the provider agreed
     */
    public boolean cancelQuietly(Request request, ReplyCheck accepted) {
        try {
            return accepted.accepted(api.sendRepeatable(request, new CallScope()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@link #cancelQuietly(Request, ReplyCheck)} where any 2xx answer means yes. */
    public boolean cancelQuietly(Request request) {
        return cancelQuietly(request, reply -> true);
    }
}
