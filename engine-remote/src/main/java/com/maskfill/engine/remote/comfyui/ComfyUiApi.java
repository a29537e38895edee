package com.maskfill.engine.remote.comfyui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Builds ComfyUI requests (hosted-apis-more.md §4). A reverse proxy's header is added by the engine's client. */
final class ComfyUiApi {

    static final String DOCUMENTED_ROOT = "http://127.0.0.1:8188";

    private static final MediaType PNG = MediaType.get("image/png");

    private final HttpUrl root;

    ComfyUiApi(HttpUrl root) {
        this.root = root;
    }

    HttpUrl root() {
        return root;
    }

    /** One node class's inputs and their choices; {@code {}} for a class the server does not have. */
    Request objectInfo(String nodeClass) {
        return get(Endpoints.resolve(root, "object_info", nodeClass));
    }

    /** Into the server's input folder under a name of ours; the answer's {@code name} is what to use. */
    Request upload(String name, byte[] png) {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("image", name, RequestBody.create(png, PNG))
                .addFormDataPart("type", "input")
                .addFormDataPart("overwrite", "true")
                .build();
        return new Request.Builder().url(Endpoints.resolve(root, "upload/image")).post(body).build();
    }

    Request prompt(ObjectNode workflow, String clientId) {
        return new Request.Builder().url(Endpoints.resolve(root, "prompt"))
                .post(RemoteHttp.jsonBody(Map.of("prompt", workflow, "client_id", clientId))).build();
    }

    Request history(String promptId) {
        return get(Endpoints.resolve(root, "history", promptId));
    }

    Request queue() {
        return get(Endpoints.resolve(root, "queue"));
    }

    /** Removes prompts that are still pending; a running one is not affected. */
    Request deletePending(List<String> promptIds) {
        return new Request.Builder().url(Endpoints.resolve(root, "queue"))
                .post(RemoteHttp.jsonBody(Map.of("delete", promptIds))).build();
    }

    /** Stops whatever runs now, whoever queued it: only sent after {@link #queue} showed it is ours. */
    Request interrupt() {
        return new Request.Builder().url(Endpoints.resolve(root, "interrupt"))
                .post(RequestBody.create(new byte[0], null)).build();
    }

    HttpUrl view(String filename, String subfolder, String type) {
        return Endpoints.resolve(root, "view").newBuilder()
                .addQueryParameter("filename", filename)
                .addQueryParameter("subfolder", subfolder == null ? "" : subfolder)
                .addQueryParameter("type", type == null ? "output" : type)
                .build();
    }

    private static Request get(HttpUrl url) {
        return new Request.Builder().url(url).get().build();
    }
}
