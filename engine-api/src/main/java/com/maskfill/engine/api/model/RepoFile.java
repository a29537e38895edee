package com.maskfill.engine.api.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a Hub repository at a commit, as the tree listing gives it.
 *
 * @param path    the path inside the repository, {@code /}-separated
 * @param size    its length in bytes
 * @param sha256  the LFS object id (the content's SHA-256) for LFS files, null for small files kept in git
 * @param gitOid  the git blob id (SHA-1 of {@code "blob <size>\0" + content}), null when not listed
 */
public record RepoFile(String path, long size, String sha256, String gitOid) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

    public RepoFile {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || (("/" + path + "/").contains("/../"))
                || ("/" + path + "/").contains("/./")) {
            // A listing comes from the network: a path must never lead out of the snapshot folder.
            throw new IllegalArgumentException("unsafe repository path \"" + path + "\"");
        }
        if (size < 0) {
            throw new IllegalArgumentException(path + ": negative size " + size);
        }
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(path + ": \"" + sha256 + "\" is not a sha256");
        }
        if (gitOid != null && !SHA1.matcher(gitOid).matches()) {
            throw new IllegalArgumentException(path + ": \"" + gitOid + "\" is not a git blob id");
        }
        if (sha256 == null && gitOid == null) {
            throw new IllegalArgumentException(path + ": neither a sha256 nor a git blob id is listed");
        }
    }

    /** The name of its blob in the cache, as huggingface_hub names it: the sha256 for LFS files, else the git id. */
    public String etag() {
        return sha256 != null ? sha256 : gitOid;
    }

    public boolean lfs() {
        return sha256 != null;
    }
}
