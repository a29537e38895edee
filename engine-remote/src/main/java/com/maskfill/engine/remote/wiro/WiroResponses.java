package com.maskfill.engine.remote.wiro;

import java.util.List;

/**
 * Wiro's JSON answers (hosted-apis.md §4.3–4.7). Every numeric value arrives as a string; {@code result}
 * false with {@code errors[]} is a failure even under HTTP 200.
 */
final class WiroResponses {

    private WiroResponses() {
    }

    record Error(Integer code, String message) {
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
    record SocketFrame(String type, String id, String tasktoken, com.fasterxml.jackson.databind.JsonNode message,
                       Boolean result) {
    }
}
