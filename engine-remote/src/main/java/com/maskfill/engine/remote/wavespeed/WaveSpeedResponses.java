package com.maskfill.engine.remote.wavespeed;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * WaveSpeedAI's JSON answers (hosted-apis.md §2.5–2.6). Submit, poll and delete share one envelope:
 * {@code {"code":200,"message":"success","data":{…}}}; a {@code code} other than 200 inside an HTTP 200
 * is a failure too.
 */
final class WaveSpeedResponses {

    private WaveSpeedResponses() {
    }

    record PredictionEnvelope(Integer code, String message, Prediction data) {
        boolean ok() {
            return code == null || code == 200;
        }
    }

    record UploadEnvelope(Integer code, String message, Upload data) {
        boolean ok() {
            return code == null || code == 200;
        }
    }

    /** {@code data} of a prediction; {@code code} is where task error codes such as 1200 (moderation) appear. */
    record Prediction(String id, String model, List<String> outputs, Urls urls,
                      @JsonProperty("has_nsfw_contents") List<Boolean> hasNsfwContents,
                      String status, String error, Timings timings, Integer code) {

        List<String> outputsOrEmpty() {
            return outputs == null ? List.of() : outputs;
        }

        List<Boolean> nsfwOrEmpty() {
            return hasNsfwContents == null ? List.of() : hasNsfwContents;
        }
    }

    record Urls(String get) {
    }

    record Timings(Long inference) {
    }

    /**
     * {@code data} of {@code POST …/media/upload/binary} and of {@code POST /api/v3/media/uploads}; the latter
     * adds {@code upload}, where the bytes go before {@code download_url} serves them.
     */
    record Upload(String type, @JsonProperty("download_url") String downloadUrl, String filename, Long size,
                  UploadTarget upload) {
    }

    record UploadTarget(String method, String url, Map<String, String> headers) {
    }

    /** {@code GET /api/v3/account/balance}: {@code {"code":200,"message":"success","data":{"balance":156.78,"currency":"USD"}}}. */
    record BalanceEnvelope(Integer code, String message, Balance data) {
    }

    record Balance(Double balance, String currency) {
    }
}
