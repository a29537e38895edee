package com.maskfill.engine.remote.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.util.ArrayList;
import java.util.List;

/** ComfyUI's refusal of a workflow (POST /prompt, HTTP 400), in words that name the node and what is wrong. */
final class ComfyUiErrors {

    private ComfyUiErrors() {
    }

    /**
     * {@code {error:{type,message,details}, node_errors:{id:{class_type, errors:[{message,details}]}}}}; a body
     * of another shape is returned as it came.
     */
    static String describe(String body) {
        JsonNode tree;
        try {
            tree = RemoteHttp.fromJsonText(body, JsonNode.class);
        } catch (MalformedResponseException e) {
            return body;
        }
        List<String> parts = new ArrayList<>();
        String message = tree.path("error").path("message").asText("").strip();
        String details = tree.path("error").path("details").asText("").strip();
        if (!message.isEmpty()) {
            // A missing node class names the node only in the details ("Node ID '#10'").
            parts.add(details.isEmpty() ? message : message + " (" + details + ")");
        }
        tree.path("node_errors").fields().forEachRemaining(node -> node.getValue().path("errors").forEach(error ->
                parts.add("node " + node.getKey() + " (" + node.getValue().path("class_type").asText("?") + "): "
                        + error.path("message").asText("").strip()
                        + (error.path("details").asText("").isBlank() ? "" : " — " + error.path("details").asText().strip()))));
        return parts.isEmpty() ? body : String.join("; ", parts);
    }
}
