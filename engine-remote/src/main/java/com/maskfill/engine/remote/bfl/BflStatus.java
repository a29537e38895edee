package com.maskfill.engine.remote.bfl;

import java.util.Locale;

/**
 * BFL's task {@code status} [CUIb BFLStatus, Berr]. {@code Task not found} means unknown or expired, but also
 * shows for a moment right after a submission, so it is waited out a few times before it counts. Anything
 * unknown is read as still pending, so a new intermediate state does not fail a job about to succeed.
 */
enum BflStatus {
    PENDING, READY, ERROR, REQUEST_MODERATED, CONTENT_MODERATED, NOT_FOUND;

    static BflStatus of(String status) {
        String s = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "ready" -> READY;
            case "error", "failed" -> ERROR;
            case "request moderated" -> REQUEST_MODERATED;
            case "content moderated" -> CONTENT_MODERATED;
            case "task not found" -> NOT_FOUND;
            default -> PENDING;
        };
    }

    boolean isTerminal() {
        return this == READY || this == ERROR || this == REQUEST_MODERATED || this == CONTENT_MODERATED;
    }
}
