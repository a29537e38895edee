package com.maskfill.engine.remote.wavespeed;

import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Builds WaveSpeedAI requests (hosted-apis.md §2): Bearer key on every call, documented paths under the root. */
final class WaveSpeedApi {

    private static final MediaType PNG = MediaType.get("image/png");

    private final WaveSpeedModel model;
    private final HttpUrl root;
    private final Secret apiKey;

    WaveSpeedApi(WaveSpeedModel model, HttpUrl root, Secret apiKey) {
        this.model = model;
        this.root = root;
        this.apiKey = apiKey;
    }

    /** The one-shot binary upload, multipart field {@code file}; answers {@code data.download_url}. */
    Request upload(byte[] png, String filename) {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("file", filename, RequestBody.create(png, PNG))
                .build();
        return authorized(Endpoints.resolve(root, model.uploadPath())).post(body).build();
    }

    /** Step one of the current upload: ask where to put the bytes ({@code data.upload}). */
    Request uploadTicket(String filename, int size) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", filename);
        body.put("size", size);
        body.put("content_type", PNG.toString());
        return authorized(Endpoints.resolve(root, model.uploadTicketPath())).post(RemoteHttp.jsonBody(body)).build();
    }

    /**
     * Step two: the bytes, with exactly the headers the ticket named, to a storage URL. No key: that host
     * is not WaveSpeed's API. The URL must be HTTPS (or loopback) like every other.
     */
    Request uploadBytes(String url, Map<String, String> headers, byte[] png) {
        Request.Builder request = new Request.Builder().url(Endpoints.parseReturned(url, "WaveSpeedAI upload URL"));
        String contentType = PNG.toString();
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase("Content-Type")) {
                    contentType = header.getValue();
                } else {
                    request.header(header.getKey(), header.getValue());
                }
            }
        }
        return request.put(RequestBody.create(png, MediaType.get(contentType))).build();
    }

    Request submit(EngineInput input, String imageUrl, String maskUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image", imageUrl);
        body.put("mask_image", maskUrl);
        body.put("prompt", input.prompt());
        body.put("size", input.width() + "*" + input.height());
        body.put("num_inference_steps", input.steps());
        body.put("seed", input.seed());
        body.put("guidance_scale", input.guidance());
        body.put("num_images", input.imageCount());
        body.put("loras", loras(input.loras()));
        body.put("enable_safety_checker", input.safetyChecker());
        body.put("enable_base64_output", false);
        return authorized(Endpoints.resolve(root, model.submitPath())).post(RemoteHttp.jsonBody(body)).build();
    }

    /**
     * The poll request. {@code data.urls.get} is the server's own canonical URL and is followed when it
     * points at the same origin as the root; anything else would receive the key, so the documented path
     * is used instead.
     */
    Request result(String id, String urlsGet) {
        HttpUrl url = Endpoints.resolve(root, model.predictionsPath(), id, "result");
        HttpUrl offered = urlsGet == null ? null : HttpUrl.parse(urlsGet);
        if (offered != null && Endpoints.sameOrigin(offered, root)) {
            url = offered;
        }
        return authorized(url).get().build();
    }

    Request delete(String id) {
        return authorized(Endpoints.resolve(root, model.deletePath(), id)).delete().build();
    }

    private static List<Map<String, Object>> loras(List<Lora> loras) {
        return loras.stream().map(l -> Map.<String, Object>of("path", l.source(), "scale", l.scale())).toList();
    }

    /** The account's balance (costs nothing, submits nothing): "Test connection". Same path for v2 and v3 keys. */
    Request balance() {
        return authorized(Endpoints.resolve(root, "api/v3/account/balance")).get().build();
    }

    private Request.Builder authorized(HttpUrl url) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + apiKey.reveal());
    }
}
