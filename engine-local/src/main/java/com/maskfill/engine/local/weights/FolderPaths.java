package com.maskfill.engine.local.weights;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one containment check for names that files give (a shard named by a checkpoint's index): such a name may only
 * lead to a file inside the folder it is read from.
 */
public final class FolderPaths {

    private FolderPaths() {
    }

    /**
     * {@code folder/name} when it lies inside {@code folder}; empty for a name that leaves it ({@code ..}, an absolute
     * path) or names the folder itself. Both sides are made absolute and normalized before they are compared, so a
     * folder given as {@code ../models/flux} or with spaces is judged by where it is, not by how it was typed. Judged
     * by names, not by real paths: the folder may be reached through a symbolic link, and a file inside may itself be
     * a link to elsewhere (Hugging Face's cache links every snapshot file to a blob outside the snapshot).
     *
     * @return the absolute, normalized path of the file
     */
    public static Optional<Path> inside(Path folder, String name) {
        Path base = folder.toAbsolutePath().normalize();
        Path file;
        try {
            file = base.resolve(name).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return file.startsWith(base) && !file.equals(base) ? Optional.of(file) : Optional.empty();
    }
}
