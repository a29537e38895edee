package com.maskfill.engine.api.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * A job failed. {@link #getMessage()} is the sentence shown to the user; {@link #providerDetail()} keeps
 * the provider's own words (status text, error code, body excerpt) for the details pane and logs.
 * Neither may contain a credential.
 */
public class EngineException extends Exception {

    /** What kind of failure, so the app can react (offer settings, retry later, stay quiet on cancel). */
    public enum Category {
        /** The request or one of its settings cannot be run by this engine. */
        INVALID_INPUT,
        /** Missing, wrong or expired credentials. */
        AUTHENTICATION,
        /** Out of credit, or rate-limited. */
        QUOTA,
        /** The provider accepted the job and then failed it; its message is in {@link #providerDetail()}. */
        PROVIDER_FAILED,
        /** Connection failed or timed out. */
        NETWORK,
        /** The caller tripped the {@link Cancellation}. */
        CANCELLED,
        /** The provider's safety checker withheld the output. */
        SAFETY_FLAGGED
    }

    private final Category category;
    private final String providerDetail;
    private final transient SubmittedJob submittedJob;

    public EngineException(Category category, String userMessage) {
        this(category, userMessage, null, null);
    }

    public EngineException(Category category, String userMessage, String providerDetail) {
        this(category, userMessage, providerDetail, null);
    }

    public EngineException(Category category, String userMessage, String providerDetail, Throwable cause) {
        this(category, userMessage, providerDetail, cause, null);
    }

    /** @param submittedJob the job the provider has or may have accepted before this failure, or null */
    public EngineException(Category category, String userMessage, String providerDetail, Throwable cause,
                           SubmittedJob submittedJob) {
        super(Objects.requireNonNull(userMessage, "userMessage"), cause);
        this.category = Objects.requireNonNull(category, "category");
        this.providerDetail = providerDetail == null || providerDetail.isBlank() ? null : providerDetail;
        this.submittedJob = submittedJob;
    }

    /** The standard "you cancelled it" failure. */
    public static EngineException cancelled() {
        return new EngineException(Category.CANCELLED, "Cancelled");
    }

    public Category category() {
        return category;
    }

    /** The sentence for the user (same as {@link #getMessage()}). */
    public String userMessage() {
        return getMessage();
    }

    /** The provider's own message, when there is one. */
    public Optional<String> providerDetail() {
        return Optional.ofNullable(providerDetail);
    }

    /**
     * Set when the failure came after a submission the provider accepted or may have accepted: Retry should
     * then resume it ({@link SubmittedJob#resumable()}) or warn that a new submission may be billed twice.
     */
    public Optional<SubmittedJob> submittedJob() {
        return Optional.ofNullable(submittedJob);
    }

    @Override
    public String toString() {
        return "EngineException[" + category + "] " + getMessage()
                + (providerDetail == null ? "" : " (provider: " + providerDetail + ")");
    }
}
