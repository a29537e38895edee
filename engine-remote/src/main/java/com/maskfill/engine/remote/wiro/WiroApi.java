package com.maskfill.engine.remote.wiro;

import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Builds Wiro requests (hosted-apis.md §4, seed 004). Authentication headers are added per attempt by
 * {@link WiroSigner}, so they are absent here.
 */
final class WiroApi {

    static final String DOCUMENTED_ROOT = "https://api.wiro.ai/v1";
    static final String DOCUMENTED_SOCKET = "wss://socket.wiro.ai/v1";
    static final String RUN_PATH = "Run/black-forest-labs/flux-1-fill-dev";

    private static final MediaType PNG = MediaType.get("image/png");

    private final HttpUrl root;

    WiroApi(HttpUrl root) {
        this.root = root;
    }

    /**
     * Multipart run with the pixels as file parts. Each input is sent as a file and an empty URL field:
     * the docs ask for exactly one of the two, and for both fields to be present.
     */
    Request run(EngineInput input, byte[] imagePng, byte[] maskPng) {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("inputImage", "image.png", RequestBody.create(imagePng, PNG))
                .addFormDataPart("inputImageUrl", "")
                .addFormDataPart("inputImageMask", "mask.png", RequestBody.create(maskPng, PNG))
                .addFormDataPart("inputImageMaskUrl", "")
                .addFormDataPart("prompt", input.prompt())
                .addFormDataPart("steps", Integer.toString(input.steps()))
                .addFormDataPart("scale", Double.toString(input.guidance()))
                .addFormDataPart("samples", Integer.toString(input.imageCount()))
                .addFormDataPart("seed", Long.toString(input.seed()))
                .addFormDataPart("width", Integer.toString(input.width()))
                .addFormDataPart("height", Integer.toString(input.height()))
                .build();
        return new Request.Builder().url(Endpoints.resolve(root, RUN_PATH)).post(body).build();
    }

    /** The model's parameter list: signed like every call, and free (hosted-apis.md §4.1); "Test connection". */
    Request toolDetail() {
        return json("Tool/Detail", Map.of("slugowner", "black-forest-labs", "slugproject", "flux-1-fill-dev"));
    }

    Request detail(String taskToken) {
        return json("Task/Detail", Map.of("tasktoken", taskToken));
    }

    /** Task/Detail by id, for a task resumed after a failure (its socket token is not kept). */
    Request detailById(String taskId) {
        return json("Task/Detail", Map.of("taskid", taskId));
    }

    /** For a task still in the queue; the seed and the official MCP client send {@code taskid}. */
    Request cancel(String taskId) {
        return json("Task/Cancel", Map.of("taskid", taskId));
    }

    /** For a task a worker has taken. */
    Request kill(String taskId) {
        return json("Task/Kill", Map.of("taskid", taskId));
    }

    private Request json(String path, Map<String, String> body) {
        return new Request.Builder().url(Endpoints.resolve(root, path)).post(RemoteHttp.jsonBody(body)).build();
    }
}
