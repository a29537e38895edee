package com.maskfill.engine.remote.fal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.remote.http.ErrorBody;
import com.maskfill.engine.remote.http.ProviderErrors;
import com.maskfill.engine.remote.http.ProviderFailure;
import java.util.List;
import java.util.Optional;

/** fal's JSON answers and error bodies (hosted-apis-more.md §2). */
final class FalResponses {

    private FalResponses() {
    }

    /** {@code POST storage/upload/initiate}. */
    record UploadTicket(@JsonProperty("upload_url") String uploadUrl, @JsonProperty("file_url") String fileUrl) {
    }

    /** The submission, with the URLs to follow the request by. */
    record Queued(@JsonProperty("request_id") String requestId, @JsonProperty("response_url") String responseUrl,
                  @JsonProperty("status_url") String statusUrl, @JsonProperty("cancel_url") String cancelUrl,
                  String status, @JsonProperty("queue_position") Long queuePosition) {
    }

    /** A status answer; {@code error} appears on requests that failed, in newer versions of the queue. */
    record Status(String status, @JsonProperty("queue_position") Long queuePosition, List<Log> logs, JsonNode error,
                  @JsonProperty("error_type") String errorType, Metrics metrics) {

        /** The newest log line, for the job's activity ("running: loading LoRA…"). */
        String lastLog() {
            if (logs == null || logs.isEmpty()) {
                return null;
            }
            String message = logs.get(logs.size() - 1).message();
            return message == null ? null : message.length() > 120 ? message.substring(0, 120) + "…" : message.strip();
        }
    }

    record Log(String message, String level, String source, String timestamp) {
    }

    record Metrics(@JsonProperty("inference_time") Double inferenceTime) {
    }

    /** The result of both endpoints. */
    record Output(List<Image> images, Long seed, @JsonProperty("has_nsfw_concepts") List<Boolean> hasNsfwConcepts) {

        List<Image> imagesOrEmpty() {
            return images == null ? List.of() : images;
        }

        List<Boolean> nsfwOrEmpty() {
            return hasNsfwConcepts == null ? List.of() : hasNsfwConcepts;
        }
    }

    record Image(String url, Integer width, Integer height, @JsonProperty("content_type") String contentType) {
    }

    /**
     * fal's words beyond the status: an exhausted balance is a 403 ("User is locked. Reason: Exhausted balance"),
     * a content-filter refusal a 422 of type {@code content_policy_violation} (reported by a third party, so read
     * loosely); then the shared reading of 402 and 422.
     */
    static ProviderErrors errors(String provider) {
        ProviderErrors own = failure -> {
            ErrorBody body = ErrorBody.parse(failure.body());
            if (failure.status() == 403 && (body.mentions("balance") || body.mentions("locked"))) {
                return Optional.of(new ProviderFailure(Category.QUOTA, provider + " has locked the account: "
                        + body.words(), failure.getMessage()));
            }
            if (failure.status() == 422 && (body.mentions("content_policy") || body.mentions("nsfw"))) {
                return Optional.of(new ProviderFailure(Category.SAFETY_FLAGGED, provider
                        + "'s content checker refused the request: " + body.words(), failure.getMessage()));
            }
            return Optional.empty();
        };
        return own.orElse(ProviderErrors.standard(provider));
    }
}
