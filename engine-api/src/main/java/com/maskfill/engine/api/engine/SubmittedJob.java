package com.maskfill.engine.api.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job a provider has (or may have) accepted, kept with a failure that came after the submission so that
 * nothing paid for is thrown away: with a job id the results can be fetched again through
 * {@link Engine#resume}, without a new (billed) submission; without one, the submission's answer never arrived
 * and the provider may have started and billed the job anyway.
 *
 * @param engineId   the {@link EngineProvider#id()} that submitted it; only that engine can resume it
 * @param jobId      the provider's id, or null when the submission's answer never arrived (or had none)
 * @param outputUrls where the outputs are, when the provider already said (may be empty)
 * @param seed       the seed that was sent, so resumed results carry the same provenance
 */
public record SubmittedJob(String engineId, String jobId, List<String> outputUrls, long seed) {

    public SubmittedJob {
        Objects.requireNonNull(engineId, "engineId");
        outputUrls = List.copyOf(outputUrls);
        if (jobId != null && jobId.isBlank()) {
            jobId = null;
        }
    }

    /** Accepted under {@code jobId}; outputs not known yet. */
    public static SubmittedJob accepted(String engineId, String jobId, long seed) {
        return new SubmittedJob(engineId, Objects.requireNonNull(jobId, "jobId"), List.of(), seed);
    }

    /** Sent, but the answer (and so the job id) never arrived. */
    public static SubmittedJob unconfirmed(String engineId, long seed) {
        return new SubmittedJob(engineId, null, List.of(), seed);
    }

    public SubmittedJob withOutputs(List<String> urls) {
        return new SubmittedJob(engineId, jobId, urls, seed);
    }

    public Optional<String> id() {
        return Optional.ofNullable(jobId);
    }

    /** True when the provider's id or the outputs' addresses are known, so {@link Engine#resume} can fetch them. */
    public boolean resumable() {
        return jobId != null || !outputUrls.isEmpty();
    }

    @Override
    public String toString() {
        return "SubmittedJob[" + engineId + " " + (jobId == null ? "(id unknown)" : jobId) + ", outputs="
                + outputUrls.size() + "]";
    }
}
