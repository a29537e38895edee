package com.maskfill.engine.api.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Hugging Face hub cache, laid out as huggingface_hub lays it out so that huggingface-cli, diffusers and ComfyUI
 * users share the files: {@code models--org--name/blobs/<etag>} holds each file once (named by its sha256, or git blob
 * id for small files), {@code snapshots/<commit>/<path>} links to it relatively (or is a copy where links are not
 * allowed), and {@code refs/<branch>} holds the commit a branch was at. Maskfill adds
 * {@code .maskfill/<commit>.tsv}, the listing a download was made from, so {@code list} and {@code verify} work
 * without the network.
 *
 * @param home {@code HF_HOME}
 * @param root the hub cache, {@code HF_HUB_CACHE} (default {@code $HF_HOME/hub})
 * @param symlinks false when {@code HF_HUB_DISABLE_SYMLINKS} is set: snapshot files are then real files (a fetched
 *     blob is moved into the snapshot, an existing one copied), as huggingface_hub does where links are not allowed
 */
public record HubCache(Path home, Path root, boolean symlinks) {

    /** A cache whose snapshots link to their blobs (the default). */
    public HubCache(Path home, Path root) {
        this(home, root, true);
    }

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    public static final String INCOMPLETE = ".incomplete";

    /** {@code HF_HOME} (else {@code $XDG_CACHE_HOME/huggingface}, else {@code ~/.cache/huggingface}) and its hub. */
    public static HubCache fromEnvironment(Map<String, String> env) {
        Path home = value(env, "HF_HOME").map(Path::of).orElseGet(() -> value(env, "XDG_CACHE_HOME").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache")).resolve("huggingface"));
        Path root = value(env, "HF_HUB_CACHE").or(() -> value(env, "HUGGINGFACE_HUB_CACHE")).map(Path::of)
                .orElse(home.resolve("hub"));
        return new HubCache(home.toAbsolutePath(), root.toAbsolutePath(),
                !truthy(env.get("HF_HUB_DISABLE_SYMLINKS")));
    }

    /** 1, true, yes or on, as huggingface_hub reads its boolean variables. */
    public static boolean truthy(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    public static boolean isCommit(String revision) {
        return COMMIT.matcher(revision).matches();
    }

    public Path repoDir(String repo) {
        return root.resolve("models--" + repo.replace("/", "--"));
    }

    public Path blob(String repo, String etag) {
        return repoDir(repo).resolve("blobs").resolve(etag);
    }

    /** The partial download of a blob; it survives a closed program, so the next run resumes it. */
    public Path incomplete(String repo, String etag) {
        return repoDir(repo).resolve("blobs").resolve(etag + INCOMPLETE);
    }

    public Path snapshot(String repo, String commit) {
        return repoDir(repo).resolve("snapshots").resolve(commit);
    }

    public Path snapshotFile(String repo, String commit, String path) {
        return snapshot(repo, commit).resolve(path);
    }

    /** The commit {@code revision} names in this cache: itself when it is one, else what {@code refs/} says. */
    public Optional<String> commitOf(String repo, String revision) {
        if (isCommit(revision)) {
            return Optional.of(revision);
        }
        Path ref = repoDir(repo).resolve("refs").resolve(revision);
        try {
            String commit = Files.isRegularFile(ref) ? Files.readString(ref, StandardCharsets.US_ASCII).strip() : "";
            return isCommit(commit) ? Optional.of(commit) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The snapshot folder for {@code revision} when there is one. */
    public Optional<Path> findSnapshot(String repo, String revision) {
        return commitOf(repo, revision).map(c -> snapshot(repo, c)).filter(Files::isDirectory);
    }

    /** Records that {@code revision} is at {@code commit}: written to a temporary file and moved, never half-written. */
    public void writeRef(String repo, String revision, String commit) throws IOException {
        if (isCommit(revision)) {
            return;
        }
        Path ref = repoDir(repo).resolve("refs").resolve(revision).normalize();
        if (!ref.startsWith(repoDir(repo).resolve("refs"))) {
            throw new IOException("unsafe revision name \"" + revision + "\"");
        }
        Files.createDirectories(ref.getParent());
        Path tmp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
        Files.writeString(tmp, commit, StandardCharsets.US_ASCII);
        moveReplacing(tmp, ref);
    }

    /**
     * Makes {@code snapshots/<commit>/<path>} point at its blob: a relative symbolic link as huggingface_hub makes
     * ({@code ../../blobs/<etag>}, one more {@code ../} per folder), or a copy where links are not allowed (Windows
     * without developer mode, or {@code HF_HUB_DISABLE_SYMLINKS}).
     */
    public Path link(String repo, String commit, RepoFile file) throws IOException {
        return place(repo, commit, file, false);
    }

    /**
     * As {@link #link}, for a blob this download has just written: without links it is moved into the snapshot
     * rather than copied, so the file is on disk once.
     */
    public Path linkNew(String repo, String commit, RepoFile file) throws IOException {
        return place(repo, commit, file, true);
    }

    private Path place(String repo, String commit, RepoFile file, boolean newBlob) throws IOException {
        Path target = snapshotFile(repo, commit, file.path());
        Path blob = blob(repo, file.etag());
        Files.createDirectories(target.getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(target);
        }
        if (symlinks) {
            try {
                Files.createSymbolicLink(target, target.getParent().relativize(blob));
                return target;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // links not allowed here: a real file instead
            }
        }
        if (newBlob) {
            moveReplacing(blob, target);
        } else {
            // copied under a temporary name first: an interrupted copy never has the final name
            Path tmp = target.resolveSibling(target.getFileName() + INCOMPLETE);
            Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            moveReplacing(tmp, target);
        }
        return target;
    }

    /** Whether the snapshot already has this file, complete (by its length; {@code verify} hashes). */
    public boolean hasComplete(String repo, String commit, RepoFile file) {
        Path p = snapshotFile(repo, commit, file.path());
        try {
            return Files.isRegularFile(p) && Files.size(p) == file.size();
        } catch (IOException e) {
            return false;
        }
    }

    /** Bytes of a partial download already on disk, 0 when none. */
    public long partialBytes(String repo, RepoFile file) {
        try {
            Path p = incomplete(repo, file.etag());
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    // The listing a snapshot was downloaded from.

    public Path listingFile(String repo, String commit) {
        return repoDir(repo).resolve(".maskfill").resolve(commit + ".tsv");
    }

    /** Records the listing of the files downloaded; files of an earlier download of the same commit stay listed. */
    public void writeListing(String repo, String commit, List<RepoFile> files) throws IOException {
        Path file = listingFile(repo, commit);
        Files.createDirectories(file.getParent());
        java.util.Map<String, RepoFile> all = new java.util.TreeMap<>();
        readListing(repo, commit).orElse(List.of()).forEach(f -> all.put(f.path(), f));
        files.forEach(f -> all.put(f.path(), f));
        StringBuilder text = new StringBuilder("# path\tsize\tsha256\tgit-blob-id (written by Maskfill)\n");
        for (RepoFile f : all.values()) {
            text.append(f.path()).append('\t').append(f.size()).append('\t')
                    .append(f.sha256() == null ? "-" : f.sha256()).append('\t')
                    .append(f.gitOid() == null ? "-" : f.gitOid()).append('\n');
        }
        Path tmp = Files.createTempFile(file.getParent(), ".listing", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        moveReplacing(tmp, file);
    }

    public Optional<List<RepoFile>> readListing(String repo, String commit) {
        Path file = listingFile(repo, commit);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<RepoFile> files = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                files.add(new RepoFile(f[0], Long.parseLong(f[1]), f[2].equals("-") ? null : f[2],
                        f[3].equals("-") ? null : f[3]));
            }
            return Optional.of(files);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // Which files were hashed since they last changed, so a download does not hash 30 GB again before it starts.

    private Path verifiedFile(String repo, String commit) {
        return repoDir(repo).resolve(".maskfill").resolve(commit + ".verified");
    }

    /** Where a listed file's bytes are: its snapshot entry, else the shared blob. */
    public Path contentOf(String repo, String commit, RepoFile file) {
        Path p = snapshotFile(repo, commit, file.path());
        return Files.isRegularFile(p) ? p : blob(repo, file.etag());
    }

    private String stamp(String repo, String commit, RepoFile file) {
        Path p = contentOf(repo, commit, file);
        try {
            return file.path() + "\t" + file.etag() + "\t" + Files.size(p) + "\t"
                    + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether Maskfill hashed this file against its listing (downloading or verifying it) and it has not changed. */
    public boolean verifiedBefore(String repo, String commit, RepoFile file) {
        String stamp = stamp(repo, commit, file);
        try {
            Path f = verifiedFile(repo, commit);
            return stamp != null && Files.isRegularFile(f)
                    && Files.readAllLines(f, StandardCharsets.UTF_8).contains(stamp);
        } catch (IOException e) {
            return false;
        }
    }

    /** Notes that this file's bytes matched its listing just now. */
    public synchronized void recordVerified(String repo, String commit, RepoFile file) throws IOException {
        String stamp = stamp(repo, commit, file);
        if (stamp == null) {
            return;
        }
        Path f = verifiedFile(repo, commit);
        Files.createDirectories(f.getParent());
        List<String> lines = new ArrayList<>(Files.isRegularFile(f) ? Files.readAllLines(f, StandardCharsets.UTF_8)
                : List.of());
        lines.removeIf(l -> l.startsWith(file.path() + "\t"));
        lines.add(stamp);
        Path tmp = Files.createTempFile(f.getParent(), ".verified", ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        moveReplacing(tmp, f);
    }

    /**
     * Before a download: hashes the files already there against their listing, unless Maskfill hashed them since they
     * last changed, and removes a damaged one so the download fetches it again.
     *
     * @param note hears "Checking X (N GB)…" before a large file is hashed, and what differs in a damaged one
     * @return the files removed as damaged
     */
    public List<RepoFile> checkPresent(String repo, String commit, List<RepoFile> present,
            java.util.function.Consumer<String> note, com.maskfill.engine.api.engine.Cancellation cancellation)
            throws IOException, com.maskfill.engine.api.engine.EngineException {
        List<RepoFile> damaged = new ArrayList<>();
        for (RepoFile f : present) {
            cancellation.throwIfCancelled();
            if (verifiedBefore(repo, commit, f)) {
                continue;
            }
            if (f.size() > 100_000_000L) {
                note.accept("Checking " + f.path() + " (" + DownloadProgress.bytes(f.size()) + ") against its "
                        + (f.lfs() ? "sha256" : "git blob id") + "…");
            }
            String mismatch = ContentHash.mismatchOf(f, contentOf(repo, commit, f));
            if (mismatch == null) {
                recordVerified(repo, commit, f);
            } else {
                note.accept(mismatch + ": fetched again");
                forget(repo, commit, f);
                damaged.add(f);
            }
        }
        return damaged;
    }

    // What is in the cache.

    /** The repositories with a folder in this cache, e.g. {@code black-forest-labs/FLUX.1-Fill-dev}. */
    public List<String> repos() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("models--"))
                    .map(n -> n.substring("models--".length()).replaceFirst("--", "/")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commits with a snapshot folder. */
    public List<String> snapshots(String repo) {
        Path dir = repoDir(repo).resolve("snapshots");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            return dirs.map(p -> p.getFileName().toString()).filter(HubCache::isCommit).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A listed file's state: in the snapshot at full length, partly downloaded, or absent. */
    public enum State { COMPLETE, PARTIAL, MISSING }

    public State state(String repo, String commit, RepoFile file) {
        if (hasComplete(repo, commit, file)) {
            return State.COMPLETE;
        }
        return partialBytes(repo, file) > 0 ? State.PARTIAL : State.MISSING;
    }

    /** What {@code verify} found for one file. */
    public record FileCheck(RepoFile file, Result result, String detail) {
        public enum Result { OK, DAMAGED, MISSING }
    }

    /** Hashes every listed file of a snapshot against its listing (the whole content: slow for large files). */
    public List<FileCheck> verify(String repo, String commit, List<RepoFile> files) throws IOException {
        List<FileCheck> checks = new ArrayList<>();
        for (RepoFile f : files) {
            Path p = snapshotFile(repo, commit, f.path());
            if (!Files.isRegularFile(p)) {
                checks.add(new FileCheck(f, FileCheck.Result.MISSING, p + " is not there"));
                continue;
            }
            String mismatch = ContentHash.mismatchOf(f, p);
            if (mismatch == null) {
                recordVerified(repo, commit, f);
            }
            checks.add(new FileCheck(f, mismatch == null ? FileCheck.Result.OK : FileCheck.Result.DAMAGED,
                    mismatch == null ? "" : mismatch));
        }
        return checks;
    }

    /**
     * Removes a damaged file (its snapshot entry and its blob) so the next download fetches it again.
     */
    public void forget(String repo, String commit, RepoFile file) throws IOException {
        Files.deleteIfExists(snapshotFile(repo, commit, file.path()));
        Files.deleteIfExists(blob(repo, file.etag()));
    }

    static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
