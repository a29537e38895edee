package com.maskfill.app.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that it is either the old one or the complete new one, never half of each: the content goes
 * to a temporary file beside the target, is forced to disk and renamed over the target in one step. A crash, a
 * kill or a full disk mid-write leaves the previous file intact; the next write clears the leftover.
 */
public final class AtomicFiles {

    /** Writes the content into the file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private static final String SUFFIX = ".partial";

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
        String prefix = "." + absolute.getFileName() + ".";
        deleteLeftovers(directory, prefix);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temp = ownerOnly && posix
                ? Files.createTempFile(directory, prefix, SUFFIX,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, prefix, SUFFIX);
        try {
            if (ownerOnly && !posix) {
                temp.toFile().setReadable(false, false);
                temp.toFile().setReadable(true, true);
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
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Temporary files of a write that was killed half-way; the target itself was never touched by them. */
    private static void deleteLeftovers(Path directory, String prefix) throws IOException {
        try (var siblings = Files.newDirectoryStream(directory, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(SUFFIX);
        })) {
            for (Path leftover : siblings) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** True while a write of {@code target} is under way (or was killed half-way). */
    public static boolean hasPartialWrite(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        String prefix = "." + absolute.getFileName() + ".";
        try (var siblings = Files.newDirectoryStream(absolute.getParent(), p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(SUFFIX);
        })) {
            return siblings.iterator().hasNext();
        }
    }
}
