package com.maskfill.app.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes results as PNG: FILE.png for one image, FILE-1.png, FILE-2.png, … for several. */
final class OutputFiles {

    private OutputFiles() {
    }

    static List<Path> write(Path out, List<BufferedImage> images) throws IOException {
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Path target = images.size() == 1 ? out : numbered(out, i + 1);
            writeAtomically(images.get(i), target);
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
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".maskfill-", ".png.tmp");
        try {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
