package com.maskfill.app.cli;

import com.maskfill.app.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * Refuses a target the results could not be written to, before the job is paid for: a folder that cannot
     * be created or written in, or a name taken by a folder.
     */
    static void checkWritable(String option, Path out, int imageCount) throws GenerateCommand.UsageProblem {
        Path absolute = out.toAbsolutePath();
        Path folder = absolute.getParent();
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(Files.createTempFile(folder, ".maskfill-check-", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new GenerateCommand.UsageProblem(option + ": cannot write in " + folder + " (" + reason(e) + ").");
        }
        for (int i = 1; i <= imageCount; i++) {
            Path target = imageCount == 1 ? absolute : numbered(absolute, i);
            if (Files.isDirectory(target)) {
                throw new GenerateCommand.UsageProblem(option + ": " + target + " is a folder.");
            }
            if (Files.exists(target) && !Files.isWritable(target)) {
                throw new GenerateCommand.UsageProblem(option + ": " + target + " cannot be replaced (read-only).");
            }
        }
    }

    /** Where results go when their --out could not take them: new files in the system's temporary folder. */
    static List<Path> writeElsewhere(int count, IntFunction<BufferedImage> image) throws IOException {
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path target = Files.createTempFile("maskfill-result-", ".png");
            writeAtomically(image.apply(i), target);
            written.add(target);
        }
        return written;
    }

    private static String reason(Exception e) {
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
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
