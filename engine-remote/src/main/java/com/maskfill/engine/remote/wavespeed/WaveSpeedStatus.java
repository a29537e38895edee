package com.maskfill.engine.remote.wavespeed;

import java.util.Locale;

/**
 * WaveSpeedAI's {@code data.status}. The docs list four values; the official SDKs also end on
 * {@code cancelled} and {@code timeout}, and DELETE answers {@code deleted}. Anything unknown is treated
 * as still running, so a new intermediate state does not fail a job that is about to succeed.
 */
enum WaveSpeedStatus {
    CREATED, PROCESSING, COMPLETED, FAILED, CANCELLED, TIMEOUT, DELETED, UNKNOWN;

    static WaveSpeedStatus of(String status) {
        if (status == null) {
            return UNKNOWN;
        }
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "created" -> CREATED;
            case "processing" -> PROCESSING;
            case "completed" -> COMPLETED;
            case "failed" -> FAILED;
            case "cancelled", "canceled" -> CANCELLED;
            case "timeout" -> TIMEOUT;
            case "deleted" -> DELETED;
            default -> UNKNOWN;
        };
    }

    boolean isTerminal() {
        return this != CREATED && this != PROCESSING && this != UNKNOWN;
    }

    boolean isQueued() {
        return this == CREATED;
    }
}
