package com.maskfill.engine.remote.fal;

import com.maskfill.engine.api.engine.EndpointPolicy;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Builds fal requests (hosted-apis-more.md §2): {@code Authorization: Key …} on calls to fal's queue and storage,
 * none on the storage PUT. With a base URL override, queue and storage are both asked at that root.
 */
final class FalApi {

    private static final MediaType PNG = MediaType.get("image/png");

    /** Uploaded photos are private: fal's CDN is asked to drop them after an hour. */
    static final String UPLOAD_LIFECYCLE = "{\"expiration_duration_seconds\":3600}";

    private final FalModel model;
    private final HttpUrl queue;
    private final HttpUrl storage;
    private final Secret key;
    private final String safetyTolerance;

    FalApi(FalModel model, HttpUrl queue, HttpUrl storage, Secret key, String safetyTolerance) {
        this.model = model;
        this.queue = queue;
        this.storage = storage;
        this.key = key;
        this.safetyTolerance = safetyTolerance;
    }

    /** Step one of an upload: where to PUT the bytes ({@code upload_url}) and the URL to pass on ({@code file_url}). */
    Request initiateUpload(String filename) {
        HttpUrl url = Endpoints.resolve(storage, "storage/upload/initiate").newBuilder()
                .addQueryParameter("storage_type", "fal-cdn-v3").build();
        Map<String, Object> body = Map.of("content_type", PNG.toString(), "file_name", filename);
        return authorized(url).header("X-Fal-Object-Lifecycle", UPLOAD_LIFECYCLE).post(RemoteHttp.jsonBody(body)).build();
    }

    /** Step two, to a signed storage URL: no key, and only over HTTPS (or to a loopback fake). */
    Request uploadBytes(String uploadUrl, byte[] png) {
        return new Request.Builder().url(Endpoints.parseReturned(uploadUrl, "fal upload URL"))
                .put(RequestBody.create(png, PNG)).build();
    }

    Request submit(EngineInput input, String imageUrl, String maskUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", input.prompt());
        body.put("image_url", imageUrl);
        body.put("mask_url", maskUrl);
        body.put("seed", input.seed());
        body.put("num_images", input.imageCount());
        body.put("output_format", "png");
        body.put("sync_mode", false);
        if (model == FalModel.DEV) {
            body.put("num_inference_steps", input.steps());
            body.put("guidance_scale", input.guidance());
            body.put("image_size", Map.of("width", input.width(), "height", input.height()));
            body.put("resize_to_original", true);
            body.put("paste_back", true);
            body.put("enable_safety_checker", input.safetyChecker());
            List<Map<String, Object>> loras = input.loras().stream()
                    .map(l -> Map.<String, Object>of("path", l.source(), "scale", l.scale())).toList();
            body.put("loras", loras);
        } else {
            body.put("safety_tolerance", safetyTolerance); // a string "1"–"6" on this endpoint
            body.put("enhance_prompt", false);
        }
        return authorized(Endpoints.resolve(queue, model.path())).post(RemoteHttp.jsonBody(body)).build();
    }

    Request status(String id, String offered) {
        HttpUrl url = trustedOr(offered, requests(id).addPathSegment("status").build());
        return authorized(url.newBuilder().setQueryParameter("logs", "1").build()).get().build();
    }

    Request result(String id, String offered) {
        return authorized(trustedOr(offered, requests(id).build())).get().build();
    }

    Request cancel(String id, String offered) {
        HttpUrl url = trustedOr(offered, requests(id).addPathSegment("cancel").build());
        return authorized(url).put(RequestBody.create(new byte[0])).build();
    }

    private HttpUrl.Builder requests(String id) {
        return Endpoints.resolve(queue, model.appPath() + "/requests", id).newBuilder();
    }

    /**
     * A URL fal returned, when the key may go there: the queue root's origin, fal's own hosts over HTTPS, or a
     * loopback fake when the root is one. Otherwise the documented path, built without the endpoint's subpath.
     */
    private HttpUrl trustedOr(String offered, HttpUrl documented) {
        HttpUrl url = offered == null ? null : HttpUrl.parse(offered.strip());
        if (url == null) {
            return documented;
        }
        String host = url.host().toLowerCase(Locale.ROOT);
        boolean fal = url.isHttps() && (host.equals("fal.run") || host.endsWith(".fal.run") || host.endsWith(".fal.ai"));
        boolean fake = EndpointPolicy.isLoopback(queue.host()) && EndpointPolicy.isLoopback(host);
        return Endpoints.sameOrigin(url, queue) || fal || fake ? url : documented;
    }

    private Request.Builder authorized(HttpUrl url) {
        return new Request.Builder().url(url).header("Authorization", "Key " + key.reveal());
    }
}
