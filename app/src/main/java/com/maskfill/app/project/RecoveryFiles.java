package com.maskfill.app.project;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The recovery files in one folder. Each running editor autosaves to a file of its own and holds a lock beside it
 * for as long as it runs, so a second editor never writes over it, never offers it as left by a crash and never
 * deletes it. A file whose lock nobody holds was left by an editor that crashed: {@link #claimOrphans()} takes
 * those over (locking them, so two editors starting together do not both offer one).
 *
 * <p>Not thread-safe: the editor uses it from the FX thread.
 */
public final class RecoveryFiles implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RecoveryFiles.class.getName());
    private static final String STEM = "recovery";
    private static final String LOCK = ".lock";

    private final Path folder;
    private final Path own;
    private final Map<Path, FileLock> held = new LinkedHashMap<>();
    /** Orphans whose work the editor took in: gone once the editor's own file holds it. */
    private final List<Path> adopted = new ArrayList<>();

    private RecoveryFiles(Path folder, Path own) {
        this.folder = folder;
        this.own = own;
    }

    /** This editor's recovery file in {@code folder}, locked as in use. */
    public static RecoveryFiles open(Path folder) {
        String id = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        RecoveryFiles files = new RecoveryFiles(folder, folder.resolve(STEM + "-" + id + ProjectFile.EXTENSION));
        try {
            Files.createDirectories(folder);
            FileLock lock = files.tryLock(files.own);
            if (lock != null) {
                files.held.put(files.own, lock);
            }
        } catch (IOException e) {
            // Autosave still writes; only a crashed editor's file could then be mistaken for this one's.
            LOG.log(System.Logger.Level.WARNING, "Cannot lock the recovery file in " + folder + ": " + e.getMessage());
        }
        return files;
    }

    /** Where this editor autosaves. */
    public Path own() {
        return own;
    }

    /**
     * Recovery files left by editors that are no longer running, newest first, each now locked by this one until
     * it is {@linkplain #release released}, {@linkplain #delete deleted} or {@linkplain #adopt adopted}. Locks left
     * without a file are cleared.
     */
    public List<Path> claimOrphans() {
        List<Path> orphans = new ArrayList<>();
        List<Path> candidates;
        try (var files = Files.list(folder)) {
            candidates = files.filter(RecoveryFiles::isRecoveryOrLock).map(RecoveryFiles::recoveryFileOf)
                    .distinct().filter(p -> !p.equals(own) && !held.containsKey(p)).toList();
        } catch (IOException e) {
            return orphans; // no folder yet: nothing was ever left
        }
        for (Path candidate : candidates) {
            try {
                FileLock lock = tryLock(candidate);
                if (lock == null) {
                    continue; // a running editor's
                }
                if (Files.exists(candidate)) {
                    held.put(candidate, lock);
                    orphans.add(candidate);
                } else {
                    Files.deleteIfExists(lockOf(candidate)); // an editor that crashed before its first autosave
                    lock.channel().close();
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot check " + candidate + ": " + e.getMessage());
            }
        }
        orphans.sort(Comparator.comparing(RecoveryFiles::modified).reversed());
        return orphans;
    }

    /** Lets another editor (or the next start) offer the orphan. */
    public void release(Path orphan) {
        FileLock lock = held.remove(orphan);
        if (lock != null) {
            close(lock);
        }
    }

    /** Deletes a claimed orphan and its lock: its work was discarded. */
    public void delete(Path orphan) {
        if (orphan.equals(own) || !held.containsKey(orphan)) {
            throw new IllegalArgumentException("not a claimed recovery file: " + orphan);
        }
        deleteFiles(orphan);
        release(orphan);
    }

    /** The orphan's work is in the editor now: it is deleted once {@link #ownIsWritten()} says it is saved. */
    public void adopt(Path orphan) {
        if (held.containsKey(orphan) && !orphan.equals(own)) {
            adopted.add(orphan);
        }
    }

    /** This editor's own file now holds all its work: adopted orphans are no longer needed. */
    public void ownIsWritten() {
        for (Path orphan : adopted) {
            delete(orphan);
        }
        adopted.clear();
    }

    /** The work this editor autosaved was closed on purpose: its file goes (its lock stays, the editor runs on). */
    public void discardOwn() {
        try {
            Files.deleteIfExists(own);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot delete " + own + ": " + e.getMessage());
        }
    }

    /** A clean exit: this editor's file and the orphans it took in go; orphans only looked at stay. */
    @Override
    public void close() {
        deleteFiles(own);
        adopted.forEach(this::deleteFiles);
        adopted.clear();
        held.values().forEach(RecoveryFiles::close);
        held.clear();
    }

    private void deleteFiles(Path recovery) {
        try {
            Files.deleteIfExists(recovery);
            Files.deleteIfExists(lockOf(recovery));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot delete " + recovery + ": " + e.getMessage());
        }
    }

    /** The lock, or null when another editor (in this program or another) holds it. */
    private FileLock tryLock(Path recovery) throws IOException {
        FileChannel channel = FileChannel.open(lockOf(recovery), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (OverlappingFileLockException sameProgram) {
            channel.close();
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void close(FileLock lock) {
        try {
            lock.channel().close(); // releases the lock
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot release a recovery lock: " + e.getMessage());
        }
    }

    private static boolean isRecoveryOrLock(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(STEM) && (name.endsWith(ProjectFile.EXTENSION) || name.endsWith(LOCK));
    }

    private static Path recoveryFileOf(Path recoveryOrLock) {
        String name = recoveryOrLock.getFileName().toString();
        if (!name.endsWith(LOCK)) {
            return recoveryOrLock;
        }
        return recoveryOrLock.resolveSibling(name.substring(0, name.length() - LOCK.length()) + ProjectFile.EXTENSION);
    }

    private static Path lockOf(Path recovery) {
        String name = recovery.getFileName().toString();
        return recovery.resolveSibling(name.substring(0, name.length() - ProjectFile.EXTENSION.length()) + LOCK);
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
