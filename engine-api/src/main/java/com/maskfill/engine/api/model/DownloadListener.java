package com.maskfill.engine.api.model;

/** Hears a download's progress; called on the downloading thread, so it must return quickly. */
public interface DownloadListener {

    /** Several times a second while bytes arrive. */
    void onProgress(DownloadProgress progress);

    /** A file reached its final name after its size and hash matched the listing. */
    default void onFileDone(RepoFile file) {
    }

    /** Something worth a line: a retry after a dropped connection, a server that ignored a resume. */
    default void onNote(String message) {
    }

    DownloadListener NONE = progress -> { };
}
