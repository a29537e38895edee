package com.maskfill.engine.remote.http;

import java.time.Duration;

/**
 * Socket timeouts for one engine; {@code read} must cover a blocking generation call where a provider has one.
 * {@code download} bounds a whole output download, headers to last byte, so a body that trickles in cannot keep
 * a job busy for ever (a read timeout alone restarts with every byte).
 */
public record Timeouts(Duration connect, Duration read, Duration write, Duration download) {

    /** Five minutes for a download: 64 MiB (the largest output accepted) at about 220 KiB/s. */
    public static final Duration STANDARD_DOWNLOAD = Duration.ofMinutes(5);

    public Timeouts(Duration connect, Duration read, Duration write) {
        this(connect, read, write, STANDARD_DOWNLOAD);
    }

    public static Timeouts standard() {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    public Timeouts withRead(Duration newRead) {
        return new Timeouts(connect, newRead, write, download);
    }
}
