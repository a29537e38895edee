package com.maskfill.app.ui;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobQueue;
import com.maskfill.app.jobs.JobState;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;

/**
 * Every failed job raises an error notice in the provider's own words (the engine's messages, already free of
 * credentials), so a failure is never only a row somewhere in the queue.
 */
final class FailedJobNotices {

    /** A provider's detail can be a long body excerpt: the notice keeps its start, the row's tooltip has it all. */
    static final int DETAIL_SHOWN = 240;

    private FailedJobNotices() {
    }

    static void watch(JobQueue queue, Consumer<String> error) {
        queue.jobs().addListener((ListChangeListener<Job>) c -> {
            while (c.next()) {
                for (Job job : c.getAddedSubList()) {
                    job.stateProperty().addListener((obs, old, state) -> {
                        if (state == JobState.FAILED) {
                            error.accept(text(job));
                        }
                    });
                }
            }
        });
    }

    /** "Job #6 failed: WaveSpeedAI ended the job as failed (code 1402): could not fetch image. Retry is in the queue." */
    static String text(Job job) {
        String detail = job.errorDetailProperty().get();
        if (detail.length() > DETAIL_SHOWN) {
            detail = detail.substring(0, DETAIL_SHOWN) + "…";
        }
        String message = job.errorProperty().get();
        StringBuilder text = new StringBuilder("Job #").append(job.number()).append(" failed: ").append(message);
        if (!detail.isEmpty() && !message.contains(detail)) {
            text.append(": ").append(detail);
        }
        if (job.inputsKeptProperty().get()) {
            text.append(text.charAt(text.length() - 1) == '.' ? "" : ".").append(" Retry is in the queue.");
        }
        return text.toString();
    }
}
