package com.maskfill.engine.api.model;

import java.nio.file.Path;
import java.util.List;

/**
 * What a download will do, known before any file byte is fetched: the commit the revision resolved to, the chosen
 * files with their sizes and hashes, which of them the cache already has, and the space still needed (partial files
 * count as already there) against the space free where the cache is.
 *
 * @param files    every chosen file
 * @param present  the chosen files already complete in the snapshot (by length; {@code verify} hashes)
 * @param needed   the chosen files still to fetch
 */
public record DownloadPlan(ModelSelection selection, String commit, List<RepoFile> files, List<RepoFile> present,
                           List<RepoFile> needed, long bytesToFetch, long freeBytes, Path snapshot) {

    public DownloadPlan {
        files = List.copyOf(files);
        present = List.copyOf(present);
        needed = List.copyOf(needed);
    }

    public long totalBytes() {
        return files.stream().mapToLong(RepoFile::size).sum();
    }

    public boolean fitsOnDisk() {
        return bytesToFetch <= freeBytes;
    }
}
