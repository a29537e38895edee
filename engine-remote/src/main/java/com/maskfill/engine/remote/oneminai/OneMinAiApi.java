package com.maskfill.engine.remote.oneminai;

import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Builds 1min.ai requests (hosted-apis.md §3): header {@code API-KEY} (not Bearer) on every call. */
final class OneMinAiApi {

    static final String DOCUMENTED_ROOT = "https://api.1min.ai";
    static final String MODEL = "black-forest-labs/flux-fill-dev";

    /** Output quality for the provider's lossy encoding: the result is scaled and blended again, so keep losses out. */
    private static final int OUTPUT_QUALITY = 100;
    private static final MediaType PNG = MediaType.get("image/png");

    private final HttpUrl root;
    private final Secret apiKey;

    OneMinAiApi(HttpUrl root, Secret apiKey) {
        this.root = root;
        this.apiKey = apiKey;
    }

    /** Multipart field {@code asset}. */
    Request uploadAsset(byte[] png, String filename) {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("asset", filename, RequestBody.create(png, PNG))
                .build();
        return authorized(Endpoints.resolve(root, "api/assets")).post(body).build();
    }

    Request inpaint(EngineInput input, String imagePath, String maskPath) {
        Map<String, Object> prompt = new LinkedHashMap<>();
        prompt.put("imageUrl", imagePath);
        prompt.put("maskUrl", maskPath);
        prompt.put("prompt", input.prompt());
        prompt.put("num_inference_steps", input.steps());
        // Sent explicitly: the documented default (3.5) gives Fill [dev] weak prompt adherence.
        prompt.put("guidance", input.guidance());
        prompt.put("seed", input.seed());
        prompt.put("output_quality", OUTPUT_QUALITY);
        prompt.put("disable_safety_checker", !input.safetyChecker());
        prompt.put("megapixels", "1");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "IMAGE_INPAINTER");
        body.put("model", MODEL);
        body.put("promptObject", prompt);
        return authorized(Endpoints.resolve(root, "api/features")).post(RemoteHttp.jsonBody(body)).build();
    }

    private Request.Builder authorized(HttpUrl url) {
        return new Request.Builder().url(url).header("API-KEY", apiKey.reveal());
    }
}
