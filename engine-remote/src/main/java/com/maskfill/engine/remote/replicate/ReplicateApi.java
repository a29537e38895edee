package com.maskfill.engine.remote.replicate;

import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Builds Replicate requests (hosted-apis-more.md §3): {@code Authorization: Bearer} on every call. */
final class ReplicateApi {

    private static final MediaType PNG = MediaType.get("image/png");
    private static final MediaType JSON = MediaType.get("application/json");

    /** How long the submission may hold for a first answer: short, so the one-shot request is rarely cut. */
    static final int PREFER_WAIT_SECONDS = 5;

    private final ReplicateModel model;
    private final HttpUrl root;
    private final Secret token;
    private final int safetyTolerance;

    ReplicateApi(ReplicateModel model, HttpUrl root, Secret token, int safetyTolerance) {
        this.model = model;
        this.root = root;
        this.token = token;
        this.safetyTolerance = safetyTolerance;
    }

    /** Files API: multipart parts {@code content} and {@code metadata} [RJS files.js]; answers {@code urls.get}. */
    Request upload(byte[] png, String filename) {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("content", filename, RequestBody.create(png, PNG))
                .addFormDataPart("metadata", null, RequestBody.create("{}", JSON))
                .build();
        return authorized(Endpoints.resolve(root, "v1/files")).post(body).build();
    }

    Request deleteFile(String id) {
        return authorized(Endpoints.resolve(root, "v1/files", id)).delete().build();
    }

    /**
     * The prediction. {@code Cancel-After} makes Replicate stop a job this client has long given up on (one that
     * never started is not charged); {@code Prefer: wait} lets a quick job answer at once.
     */
    Request submit(EngineInput input, String image, String mask, Duration deadline) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("prompt", input.prompt());
        in.put("image", image);
        in.put("mask", mask);
        in.put("seed", input.seed());
        if (model == ReplicateModel.DEV) {
            in.put("num_outputs", input.imageCount());
            in.put("num_inference_steps", input.steps());
            in.put("guidance", input.guidance());
            in.put("megapixels", "match_input");
            in.put("output_format", "png");
            in.put("output_quality", 100);
            if (!input.loras().isEmpty()) {
                Lora lora = input.loras().get(0);
                in.put("lora_weights", lora.source());
                in.put("lora_scale", lora.scale());
            }
            // Sent only when switched off: the latest version may not list it, and the default is "on" either way.
            if (!input.safetyChecker()) {
                in.put("disable_safety_checker", true);
            }
        } else {
            in.put("steps", input.steps());
            in.put("guidance", input.guidance());
            in.put("safety_tolerance", safetyTolerance);
            in.put("output_format", "png");
            in.put("prompt_upsampling", false);
        }
        long minutes = Math.max(1, (deadline.toSeconds() + 59) / 60);
        return authorized(Endpoints.resolve(root, model.predictionsPath()))
                .header("Prefer", "wait=" + PREFER_WAIT_SECONDS)
                .header("Cancel-After", minutes + "m")
                .post(RemoteHttp.jsonBody(Map.of("input", in)))
                .build();
    }

    /** {@code urls.get} when it is on the root's origin; anything else would receive the token. */
    Request get(String id, String offered) {
        return authorized(sameOriginOr(offered, Endpoints.resolve(root, "v1/predictions", id))).get().build();
    }

    Request cancel(String id, String offered) {
        HttpUrl documented = Endpoints.resolve(root, "v1/predictions", id).newBuilder().addPathSegment("cancel").build();
        return authorized(sameOriginOr(offered, documented)).post(RequestBody.create(new byte[0])).build();
    }

    private HttpUrl sameOriginOr(String offered, HttpUrl documented) {
        HttpUrl url = offered == null ? null : HttpUrl.parse(offered.strip());
        return url != null && Endpoints.sameOrigin(url, root) ? url : documented;
    }

    private Request.Builder authorized(HttpUrl url) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + token.reveal());
    }
}
