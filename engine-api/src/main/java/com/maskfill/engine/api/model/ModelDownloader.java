package com.maskfill.engine.api.model;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Fetches model files from the Hugging Face Hub into the {@link HubCache}. Provided by an engine module (the app has
 * no HTTP client of its own) and found through {@link ServiceLoader}, like engines.
 *
 * <p>Failures are {@link EngineException}s: {@code AUTHENTICATION} for a gated repository or a refused token (the
 * message says what to do, never the token), {@code NETWORK} for an unreachable Hub or offline mode,
 * {@code PROVIDER_FAILED} for a file whose size or hash differs from the listing, {@code INVALID_INPUT} for an unknown
 * repository, revision or file, or too little disk space, {@code CANCELLED} when cancelled (the partial file stays
 * and the next download resumes it).
 */
public interface ModelDownloader {

    /** Resolves the revision to a commit, lists and chooses the files, and checks the cache and the free space. */
    DownloadPlan plan(HubSettings hub, ModelSelection selection, Cancellation cancellation) throws EngineException;

    /**
     * Fetches what the plan still needs, each file resumed where an earlier run stopped, then points the revision's
     * ref at the commit. Refuses at once, with both figures, when the disk cannot hold it.
     */
    DownloadPlan download(HubSettings hub, DownloadPlan plan, DownloadListener listener, Cancellation cancellation)
            throws EngineException;

    /** The first downloader on the class path. */
    static Optional<ModelDownloader> find() {
        return ServiceLoader.load(ModelDownloader.class, Thread.currentThread().getContextClassLoader()).findFirst();
    }
}
