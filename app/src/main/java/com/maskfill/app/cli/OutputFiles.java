package com.maskfill.app.cli;

import com.maskfill.app.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;

/** Writes results as PNG: FILE.png for one image, FILE-1.png, FILE-2.png, … for several. */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Writes {@code count} images, asking {@code image} for each just before writing it, so only one full-size
     * picture is in memory at a time.
     */
    static List<Path> write(Path out, int count, IntFunction<BufferedImage> image) throws IOException {
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path target = count == 1 ? out : numbered(out, i + 1);
            writeAtomically(image.apply(i), target);
            written.add(target);
        }
        return written;
    }

    static Path numbered(Path out, int n) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
        return out.resolveSibling(numbered);
    }

    /** A crash or a full disk mid-write never leaves a half-written PNG under the final name. */
    private static void writeAtomically(BufferedImage image, Path target) throws IOException {
        AtomicFiles.write(target, temp -> {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
