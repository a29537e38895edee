package com.maskfill.engine.remote.replicate;

import java.util.Locale;

/**
 * A prediction's {@code status}. {@code aborted} means it never started (a deadline passed, not charged);
 * {@code canceled} may have run and been charged. Anything unknown is read as still processing.
 */
enum ReplicateStatus {
    STARTING, PROCESSING, SUCCEEDED, FAILED, CANCELED, ABORTED;

    static ReplicateStatus of(String status) {
        return switch (status == null ? "" : status.strip().toLowerCase(Locale.ROOT)) {
            case "starting" -> STARTING;
            case "succeeded" -> SUCCEEDED;
            case "failed" -> FAILED;
            case "canceled", "cancelled" -> CANCELED;
            case "aborted" -> ABORTED;
            default -> PROCESSING;
        };
    }

    boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED || this == ABORTED;
    }
}
