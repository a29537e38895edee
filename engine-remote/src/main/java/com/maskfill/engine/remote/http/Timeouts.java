package com.maskfill.engine.remote.http;

import java.time.Duration;

/** Socket timeouts for one engine; {@code read} must cover a blocking generation call where a provider has one. */
public record Timeouts(Duration connect, Duration read, Duration write) {

    public static Timeouts standard() {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    public Timeouts withRead(Duration newRead) {
        return new Timeouts(connect, newRead, write);
    }
}
