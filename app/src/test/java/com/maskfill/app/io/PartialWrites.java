package com.maskfill.app.io;

import java.io.IOException;
import java.nio.file.Path;

/** What tests look at from outside: whether a write of a file is under way (or was killed half-way). */
public final class PartialWrites {

    private PartialWrites() {
    }

    public static boolean exist(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        return !AtomicFiles.partialWrites(absolute.getParent(), AtomicFiles.prefix(absolute)).isEmpty();
    }
}
