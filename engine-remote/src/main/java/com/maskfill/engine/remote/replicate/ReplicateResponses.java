package com.maskfill.engine.remote.replicate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Replicate's JSON answers (hosted-apis-more.md §3, [RJS index.d.ts]). */
final class ReplicateResponses {

    private ReplicateResponses() {
    }

    /**
     * A prediction. {@code output} is a list of URLs for flux-fill-dev and a single URL for flux-fill-pro;
     * {@code error} is usually text but kept loose.
     */
    record Prediction(String id, String status, JsonNode output, JsonNode error, String logs, Metrics metrics,
                      Urls urls) {

        List<String> outputUrls() {
            List<String> urls = new ArrayList<>();
            if (output != null && output.isTextual()) {
                urls.add(output.asText());
            } else if (output != null && output.isArray()) {
                output.forEach(o -> {
                    if (o.isTextual()) {
                        urls.add(o.asText());
                    }
                });
            }
            return urls;
        }

        String errorText() {
            if (error == null || error.isNull() || error.isMissingNode()) {
                return null;
            }
            return error.isTextual() ? error.asText() : error.toString();
        }

        String getUrl() {
            return urls == null ? null : urls.get();
        }

        String cancelUrl() {
            return urls == null ? null : urls.cancel();
        }
    }

    record Metrics(@JsonProperty("predict_time") Double predictTime, @JsonProperty("total_time") Double totalTime) {
    }

    record Urls(String get, String cancel) {
    }

    /** {@code POST /v1/files}: the file's {@code urls.get} is what a prediction input takes. */
    record UploadedFile(String id, Urls urls) {
    }
}
