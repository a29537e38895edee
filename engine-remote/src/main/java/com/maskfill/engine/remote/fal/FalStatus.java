package com.maskfill.engine.remote.fal;

import java.util.Locale;

/** A queued request's {@code status} [FJS, Fq]; anything unknown is read as still in progress. */
enum FalStatus {
    IN_QUEUE, IN_PROGRESS, COMPLETED;

    static FalStatus of(String status) {
        return switch (status == null ? "" : status.strip().toUpperCase(Locale.ROOT)) {
            case "IN_QUEUE" -> IN_QUEUE;
            case "COMPLETED" -> COMPLETED;
            default -> IN_PROGRESS;
        };
    }
}
