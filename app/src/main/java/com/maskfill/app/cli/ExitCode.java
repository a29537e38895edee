package com.maskfill.app.cli;

import com.maskfill.engine.api.engine.EngineException;

/** The documented exit codes of {@code maskfill generate}. */
public final class ExitCode {

    public static final int DONE = 0;
    public static final int INVALID_INPUT = 2;
    public static final int PROVIDER_FAILED = 3;
    public static final int NETWORK = 4;
    public static final int AUTHENTICATION = 5;
    /** The job finished but its results are not all where --out or --project asked; stderr says where they are. */
    public static final int OUTPUT_FAILED = 6;
    /** 128 + SIGINT, what shells report for Ctrl+C. */
    public static final int CANCELLED = 130;

    private ExitCode() {
    }

    public static int of(EngineException.Category category) {
        return switch (category) {
            case INVALID_INPUT -> INVALID_INPUT;
            case AUTHENTICATION -> AUTHENTICATION;
            case NETWORK -> NETWORK;
            case CANCELLED -> CANCELLED;
            // The provider refused or failed the job: out of credit, rate-limited, failed or flagged.
            case QUOTA, PROVIDER_FAILED, SAFETY_FLAGGED -> PROVIDER_FAILED;
        };
    }
}
