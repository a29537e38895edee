package com.maskfill.engine.remote.hub;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.model.DownloadListener;
import com.maskfill.engine.api.model.DownloadPlan;
import com.maskfill.engine.api.model.DownloadProgress;
import com.maskfill.engine.api.model.HubCache;
import com.maskfill.engine.api.model.HubSettings;
import com.maskfill.engine.api.model.ModelDownloader;
import com.maskfill.engine.api.model.ModelSelection;
import com.maskfill.engine.api.model.RepoFile;
import com.maskfill.engine.remote.http.CallCancelledException;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.RetryPolicy;
import com.maskfill.engine.remote.http.Sleeper;
import com.maskfill.engine.remote.http.Timeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Downloads from the Hugging Face Hub the way huggingface_hub does: the revision is resolved to a commit once and
 * every file is fetched by that commit (a branch moving mid-download cannot mix two versions), files are listed with
 * their sizes and sha256 first, and each lands in the shared cache layout ({@link HubCache}). Lives with the hosted
 * engines because their HTTP stack is here: the shared OkHttp client, the retry policy, the https-or-loopback rule
 * and the redactor that keeps the token out of every message.
 */
public final class HubDownloader implements ModelDownloader {

    /** Five tries with 1–8 s pauses; the count starts over whenever bytes arrive, so a long download survives. */
    static final RetryPolicy RETRY = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofSeconds(60));
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(60));

    private final OkHttpClient client;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    /** For ServiceLoader. */
    public HubDownloader() {
        this(HttpClients.forApi(TIMEOUTS), RETRY, Sleeper.REAL);
    }

    HubDownloader(OkHttpClient client, RetryPolicy retry, Sleeper sleeper) {
        this.client = client;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    @Override
    public DownloadPlan plan(HubSettings hub, ModelSelection selection, Cancellation cancellation)
            throws EngineException {
        requireOnline(hub);
        HubHttp http = http(hub);
        return inScope(cancellation, http, scope -> {
            HubApi api = new HubApi(http);
            String repo = selection.repo();
            String commit = api.commitOf(repo, selection.revision(), scope);
            List<RepoFile> all = api.files(repo, commit, scope);
            List<RepoFile> chosen = all.stream().filter(f -> selection.selects(f.path())).toList();
            List<String> unknown = selection.patterns().stream()
                    // Named files must exist; folders and globs take what is there (a mirror may lack scheduler/).
                    .filter(p -> ModelSelection.required(p) && chosen.stream().noneMatch(f -> new ModelSelection(repo, commit,
                            List.of(p)).selects(f.path()))).toList();
            if (chosen.isEmpty() || !unknown.isEmpty()) {
                throw new EngineException(EngineException.Category.INVALID_INPUT, (unknown.isEmpty()
                        ? "None of " + selection.patterns() : "No " + String.join(", ", unknown)) + " in " + repo
                        + " at " + selection.revision() + " (" + all.size() + " files there).");
            }
            HubCache cache = hub.cache();
            List<RepoFile> present = new ArrayList<>();
            List<RepoFile> needed = new ArrayList<>();
            long toFetch = 0;
            for (RepoFile f : chosen) {
                if (cache.hasComplete(repo, commit, f) || blobComplete(cache, repo, f)) {
                    present.add(f);
                } else {
                    needed.add(f);
                    toFetch += f.size() - Math.min(f.size(), cache.partialBytes(repo, f));
                }
            }
            if (!needed.isEmpty()) {
                checkAccess(http, repo, commit, needed.get(0), scope);
            }
            return new DownloadPlan(selection, commit, chosen, present, needed, toFetch, freeBytes(cache.root()),
                    cache.snapshot(repo, commit));
        });
    }

    @Override
    public DownloadPlan download(HubSettings hub, DownloadPlan plan, DownloadListener listener,
                                 Cancellation cancellation) throws EngineException {
        requireOnline(hub);
        HubCache cache = hub.cache();
        String repo = plan.selection().repo();
        long free = freeBytes(cache.root());
        if (plan.bytesToFetch() > free) {
            throw new EngineException(EngineException.Category.INVALID_INPUT, "Not enough disk space in "
                    + cache.root() + ": the download needs " + DownloadProgress.bytes(plan.bytesToFetch()) + " more, "
                    + DownloadProgress.bytes(free) + " are free. Free some space or set HF_HOME (or HF_HUB_CACHE) to "
                    + "a larger disk.");
        }
        HubHttp http = http(hub);
        inScope(cancellation, http, scope -> {
            cache.writeListing(repo, plan.commit(), plan.files());
            for (RepoFile f : plan.present()) {
                if (!cache.hasComplete(repo, plan.commit(), f)) {
                    cache.link(repo, plan.commit(), f);
                }
            }
            long total = plan.needed().stream().mapToLong(RepoFile::size).sum();
            long partial = plan.needed().stream().mapToLong(f -> Math.min(f.size(), cache.partialBytes(repo, f))).sum();
            TransferMeter meter = new TransferMeter(listener, total, partial, System::nanoTime);
            BlobFetcher fetcher = new BlobFetcher(http, cache, repo, plan.commit(), retry, sleeper, scope, listener,
                    meter);
            for (RepoFile f : plan.needed()) {
                fetcher.fetch(f);
            }
            // Only now: a ref pointing at a half-fetched snapshot would take a working model away from the engine.
            cache.writeRef(repo, plan.selection().revision(), plan.commit());
            return null;
        });
        return new DownloadPlan(plan.selection(), plan.commit(), plan.files(), plan.files(), List.of(), 0,
                freeBytes(cache.root()), plan.snapshot());
    }

    /** One HEAD of a file still needed: a gated repository says so here, before the plan is shown. */
    private static void checkAccess(HubHttp http, String repo, String commit, RepoFile file, CallScope scope)
            throws IOException, EngineException {
        HttpUrl url = BlobFetcher.resolveUrl(http.endpoint(), repo, commit, file.path());
        http.send("HEAD", url, Map.of("Accept-Encoding", "identity"), false, scope, (response, at) -> {
            if (response.code() >= 400) {
                throw HubFailures.of(response, repo, file.path(), http.hasToken(), http.redactor());
            }
            return null;
        });
    }

    private static boolean blobComplete(HubCache cache, String repo, RepoFile f) {
        Path blob = cache.blob(repo, f.etag());
        try {
            return Files.isRegularFile(blob) && Files.size(blob) == f.size();
        } catch (IOException e) {
            return false;
        }
    }

    /** Usable bytes on the disk that holds (or will hold) the cache. */
    static long freeBytes(Path root) {
        for (Path p = root.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    return Files.getFileStore(p).getUsableSpace();
                } catch (IOException e) {
                    return Long.MAX_VALUE;
                }
            }
        }
        return Long.MAX_VALUE;
    }

    private HubHttp http(HubSettings hub) {
        return new HubHttp(client, HttpUrl.get(hub.endpoint().toString()), hub.token(), retry, sleeper);
    }

    private static void requireOnline(HubSettings hub) throws EngineException {
        if (hub.offline()) {
            throw new EngineException(EngineException.Category.NETWORK, "HF_HUB_OFFLINE is set, so nothing is "
                    + "downloaded; files already in " + hub.cache().root() + " are used as they are.");
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(CallScope scope) throws IOException, EngineException;
    }

    /** Runs with a scope the cancellation aborts at once, mid-request included; maps what fails to messages. */
    private static <T> T inScope(Cancellation cancellation, HubHttp http, Work<T> work) throws EngineException {
        CallScope scope = new CallScope();
        try (Cancellation.Registration ignored = cancellation.onCancel(scope::cancel)) {
            return work.run(scope);
        } catch (CallCancelledException e) {
            throw EngineException.cancelled();
        } catch (IOException e) {
            throw HubFailures.network(e, http.endpoint(), http.redactor());
        }
    }
}
