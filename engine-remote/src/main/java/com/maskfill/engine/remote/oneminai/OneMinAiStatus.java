package com.maskfill.engine.remote.oneminai;

/**
 * {@code aiRecord.status}. Only {@code SUCCESS} is documented; since the features call blocks until the
 * job is over, every other value is read as a failure.
 */
enum OneMinAiStatus {
    SUCCESS, FAILED;

    static OneMinAiStatus of(String status) {
        return "SUCCESS".equalsIgnoreCase(status == null ? "" : status.strip()) ? SUCCESS : FAILED;
    }
}
