package com.maskfill.engine.remote;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.DownloadedImage;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.ImageDownloader;
import com.maskfill.engine.remote.http.Poller;
import com.maskfill.engine.remote.http.Redactor;
import com.maskfill.engine.remote.http.RemoteFailures;
import com.maskfill.engine.remote.http.RemoteHttp;
import com.maskfill.engine.remote.http.RemoteTuning;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * What every hosted engine does the same way: run a job under a {@link CallScope} tied to the caller's
 * {@link Cancellation}, turn IO failures into {@link EngineException}s, download outputs at the asked size,
 * and send best-effort cancels after the job's own scope has been cancelled.
 */
public final class RemoteJobSupport {

    /** The provider-specific part of a job. */
    @FunctionalInterface
    public interface Job {
        EngineResult run(CallScope scope) throws IOException, EngineException;
    }

    private final RemoteHttp api;
    private final ImageDownloader downloader;
    private final Poller poller;
    private final RemoteFailures failures;

    /**
     * @param apiClient the client for calls that carry credentials (from {@link HttpClients#forApi}, possibly
     *                  with a signing interceptor)
     */
    public RemoteJobSupport(String provider, String credentialHint, OkHttpClient apiClient, Redactor redactor,
                            RemoteTuning tuning) {
        this.api = new RemoteHttp(provider, apiClient, tuning.retry(), tuning.sleeper(), redactor);
        RemoteHttp downloads = new RemoteHttp(provider, HttpClients.forDownloads(tuning.timeouts()), tuning.retry(),
                tuning.sleeper(), redactor);
        this.downloader = new ImageDownloader(downloads, tuning.maxDownloadBytes(), tuning.maxOutputPixels());
        this.poller = new Poller(tuning.poll(), tuning.sleeper());
        this.failures = new RemoteFailures(provider, credentialHint, redactor);
    }

    public RemoteHttp api() {
        return api;
    }

    public Poller poller() {
        return poller;
    }

    public EngineResult run(Cancellation cancellation, Job job) throws EngineException {
        cancellation.throwIfCancelled();
        CallScope scope = new CallScope();
        try (Cancellation.Registration ignored = cancellation.onCancel(scope::cancel)) {
            return job.run(scope);
        } catch (IOException e) {
            throw failures.toEngineException(e);
        }
    }

    /** Downloads every output in order and brings each to {@code width}×{@code height}. */
    public List<BufferedImage> downloadAll(List<String> urls, int width, int height, ProgressListener progress,
                                           CallScope scope) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        long bytes = 0;
        progress.onProgress(ProgressEvent.downloading(0, ProgressEvent.UNKNOWN));
        for (String url : urls) {
            DownloadedImage image = downloader.download(url, scope);
            bytes += image.byteCount();
            progress.onProgress(ProgressEvent.downloading(bytes, ProgressEvent.UNKNOWN));
            images.add(RemoteImages.fit(image.image(), width, height));
        }
        return images;
    }

    /** Downloads one output as the provider sent it, for engines that check its size before fitting. */
    public DownloadedImage download(String url, CallScope scope) throws IOException {
        return downloader.download(url, scope);
    }

    /**
     * Sends a cancel/kill request in a fresh scope (the job's own is already cancelled). Failures are
     * swallowed: the user asked to stop, and the job ends as cancelled whether or not the provider agreed.
     *
     * @return true when the provider answered with a 2xx status
     */
    public boolean cancelQuietly(Request request) {
        try {
            api.sendRepeatable(request, new CallScope());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
