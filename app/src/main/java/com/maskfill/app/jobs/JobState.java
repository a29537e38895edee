package com.maskfill.app.jobs;

/** Where a job stands, as the queue panel shows it. */
public enum JobState {
    WAITING("Waiting"),
    PREPARING("Preparing"),
    UPLOADING("Uploading"),
    QUEUED("Queued"),
    RUNNING("Running"),
    DOWNLOADING("Downloading"),
    DONE("Done"),
    FAILED("Failed"),
    CANCELLED("Cancelled");

    private final String label;

    JobState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isFinished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    /** The engine has the job: a provider accepted it (and bills it), or a local engine is computing it. */
    public boolean isSubmitted() {
        return this == QUEUED || this == RUNNING || this == DOWNLOADING;
    }
}
