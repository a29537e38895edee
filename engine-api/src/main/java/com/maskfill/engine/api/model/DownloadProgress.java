package com.maskfill.engine.api.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a download stands.
 *
 * @param file           the file being fetched
 * @param fileBytes      its bytes on disk so far
 * @param doneBytes      bytes of the whole plan on disk so far (files already present do not count)
 * @param totalBytes     bytes the plan fetches in all
 * @param bytesPerSecond the recent rate, 0 before it is known
 */
public record DownloadProgress(RepoFile file, long fileBytes, long doneBytes, long totalBytes, double bytesPerSecond) {

    /** Empty until a rate is known. */
    public Optional<Duration> timeLeft() {
        if (bytesPerSecond <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds((long) Math.ceil((totalBytes - doneBytes) / bytesPerSecond)));
    }

    /** "text_encoder_2/model-00001-of-00002.safetensors 1.2 / 4.9 GB · all 3.4 / 33.0 GB · 41.2 MB/s · 13 min left" */
    public String describe() {
        String left = timeLeft().map(DownloadProgress::duration).map(d -> " · " + d + " left").orElse("");
        return file.path() + " " + bytes(fileBytes) + " / " + bytes(file.size()) + " · all " + bytes(doneBytes)
                + " / " + bytes(totalBytes) + (bytesPerSecond > 0 ? " · " + rate(bytesPerSecond) : "") + left;
    }

    /** Decimal units, as the Hub's pages show sizes. */
    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    public static String rate(double bytesPerSecond) {
        return String.format(Locale.ROOT, "%.1f MB/s", bytesPerSecond / 1e6);
    }

    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s + 59) / 60 + " min";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
