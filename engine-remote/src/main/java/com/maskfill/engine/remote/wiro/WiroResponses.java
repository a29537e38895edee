package com.maskfill.engine.remote.wiro;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.remote.http.ProviderFailure;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Wiro's JSON answers (hosted-apis.md §4.3–4.7). Every numeric value arrives as a string; {@code result}
 * false with {@code errors[]} is a failure even under HTTP 200.
 */
final class WiroResponses {

    private WiroResponses() {
    }

    /** Codes from the docs' error reference: 96 concurrency, 97 balance, 98 sign-in, 99 token, 0 validation, 1 not found. */
    record Error(Integer code, String message) {

        Category category() {
            int c = code == null ? 0 : code;
            return switch (c) {
                case 96, 97 -> Category.QUOTA;
                case 98, 99 -> Category.AUTHENTICATION;
                default -> Category.PROVIDER_FAILED;
            };
        }
    }

    /** A {@code result:false} answer as a failure; the first error decides the category. */
    static ProviderFailure failure(String what, List<Error> errors) {
        if (errors == null || errors.isEmpty()) {
            return new ProviderFailure(Category.PROVIDER_FAILED, what + " failed without an error message", null);
        }
        Error first = errors.get(0);
        String detail = errors.stream().map(e -> e.code() + ": " + e.message()).collect(Collectors.joining("; "));
        return new ProviderFailure(first.category(), what + " failed: " + first.message(), detail);
    }

    /** {@code POST /Tool/Detail}: the model's description; only whether Wiro accepted the call matters here. */
    record ToolDetailResponse(Boolean result, List<Error> errors) {
    }

    /** {@code POST /Run/…}: {@code {"errors":[],"taskid":"2221","socketaccesstoken":"…","result":true}}. */
    record RunResponse(Boolean result, List<Error> errors, String taskid, String socketaccesstoken) {
    }

    /** {@code POST /Task/Detail}, {@code /Task/Cancel}, {@code /Task/Kill}. */
    record TaskListResponse(Boolean result, List<Error> errors, List<Task> tasklist) {
    }

    record Task(String id, String socketaccesstoken, String status, String pexit, String debugerror,
                String createtime, String starttime, String endtime, String elapsedseconds, String totalcost,
                List<Output> outputs) {

        List<Output> outputsOrEmpty() {
            return outputs == null ? List.of() : outputs;
        }
    }

    record Output(String name, String contenttype, String size, String url) {
    }

    /** A websocket frame: {@code {"type":"task_output","id":"534574","tasktoken":"…","message":…,"result":true}}. */
    record SocketFrame(String type, String id, String tasktoken, JsonNode message,
                       Boolean result) {
    }
}
