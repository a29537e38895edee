package com.maskfill.engine.remote.wiro;

/**
 * Wiro's task lifecycle (hosted-apis.md §4.5): {@code task_queue → … → task_postprocess_end} or
 * {@code task_cancel}. Success needs {@code task_postprocess_end} and {@code pexit == "0"}. A Task/Detail
 * status of {@code task_error} is a fatal failure, while on the websocket it is only a stderr line.
 */
enum WiroStatus {
    QUEUED, RUNNING, FINISHED, CANCELLED, ERROR;

    static WiroStatus of(String status) {
        if (status == null) {
            return RUNNING;
        }
        return switch (status) {
            case "task_queue", "task_accept", "task_preprocess_start", "task_preprocess_end" -> QUEUED;
            case "task_postprocess_end" -> FINISHED;
            case "task_cancel" -> CANCELLED;
            case "task_error" -> ERROR;
            // task_assign, task_start, task_output, task_output_full, task_error_full, task_end,
            // task_postprocess_start, and anything new: the task is with a worker.
            default -> RUNNING;
        };
    }

    /** Whether a task in this state is still waiting for a worker: Cancel works then, Kill afterwards. */
    boolean cancellableWithoutKill() {
        return this == QUEUED;
    }
}
