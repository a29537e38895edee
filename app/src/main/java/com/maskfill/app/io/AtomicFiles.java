package com.maskfill.app.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Writes a file so that it is either the old one or the complete new one, never half of each: the content goes
 * to a temporary file beside the target, is forced to disk and renamed over the target in one step, and the
 * folder is forced to disk after the rename where the platform allows it. A crash, a kill or a full disk
 * mid-write leaves the previous file intact; a later write clears the leftover.
 *
 * <p>Temporary files carry the writing process's id, so a leftover is told from another writer's file under way
 * (a second editor autosaving, the command line adding to a project the editor saves): only files of processes
 * that are gone are cleared.
 */
public final class AtomicFiles {

    /** Writes the content into the file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private static final String SUFFIX = ".partial";
    private static final long PID = ProcessHandle.current().pid();
    private static final Duration START_TIME_SLACK = Duration.ofSeconds(5);

    private AtomicFiles() {
    }

    public static void write(Path target, Content content) throws IOException {
        write(target, content, false);
    }

    /** As {@link #write}, readable only by the user from the first byte on (API keys). */
    public static void writePrivate(Path target, Content content) throws IOException {
        write(target, content, true);
    }

    private static void write(Path target, Content content, boolean ownerOnly) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        String prefix = prefix(absolute);
        deleteLeftovers(directory, prefix);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        String ownPrefix = prefix + PID + "-";
        Path temp = ownerOnly && posix
                ? Files.createTempFile(directory, ownPrefix, SUFFIX,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, ownPrefix, SUFFIX);
        try {
            if (ownerOnly && !posix) {
                AclFileAttributeView acl = Files.getFileAttributeView(temp, AclFileAttributeView.class);
                if (acl != null) {
                    restrictToOwner(acl); // Windows: setReadable(false, false) would do nothing there
                } else {
                    temp.toFile().setReadable(false, false);
                    temp.toFile().setReadable(true, true);
                }
            }
            content.writeTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Leaves only the owner on the file's access list: an ACL replaces the inherited entries that let other
     * accounts (or administrators' tools running as them) read the folder's files.
     */
    static void restrictToOwner(AclFileAttributeView view) throws IOException {
        AclEntry owner = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(view.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .build();
        view.setAcl(List.of(owner));
    }

    /** The rename itself reaches the disk only with its folder; Windows cannot open folders for this. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (Windows): NTFS journals the rename itself.
        }
    }

    static String prefix(Path absolute) {
        return "." + absolute.getFileName() + ".";
    }

    /** Temporary files of writes that were killed half-way; the target itself was never touched by them. */
    private static void deleteLeftovers(Path directory, String prefix) throws IOException {
        for (Path leftover : partialWrites(directory, prefix)) {
            if (!writtenByLiveProcess(leftover, prefix)) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    static List<Path> partialWrites(Path directory, String prefix) throws IOException {
        try (var siblings = Files.newDirectoryStream(directory, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(SUFFIX);
        })) {
            List<Path> found = new ArrayList<>();
            siblings.forEach(found::add);
            return found;
        }
    }

    /**
     * Whether the process named in the file's name is running and was already running when the file was last
     * written (a process id used again by a later program, this one included, does not keep a dead writer's
     * file). Another thread of this program writing the same target keeps its file.
     */
    static boolean writtenByLiveProcess(Path temp, String prefix) {
        String name = temp.getFileName().toString();
        int dash = name.indexOf('-', prefix.length());
        if (dash < 0) {
            return false; // written by a version that did not name its process: long gone
        }
        long pid;
        try {
            pid = Long.parseLong(name.substring(prefix.length(), dash));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        try {
            // The start time is known to about a second; a process id is seldom used again that soon.
            return started.isEmpty() || !started.get().isAfter(
                    Files.getLastModifiedTime(temp).toInstant().plus(START_TIME_SLACK));
        } catch (IOException e) {
            return true; // cannot tell: keep it
        }
    }
}
