package com.maskfill.engine.remote.bfl;

import com.maskfill.engine.api.engine.EndpointPolicy;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Builds Black Forest Labs requests (hosted-apis-more.md §1): header {@code x-key} on every call, image and mask
 * inline as base64 in one JSON body, then the {@code polling_url} the submission returned.
 */
final class BflApi {

    static final String DOCUMENTED_ROOT = "https://api.bfl.ai";
    static final String FILL_PATH = "v1/flux-pro-1.0-fill";
    static final String RESULT_PATH = "v1/get_result";

    private final HttpUrl root;
    private final Secret apiKey;
    private final BflOptions options;

    BflApi(HttpUrl root, Secret apiKey, BflOptions options) {
        this.root = root;
        this.apiKey = apiKey;
        this.options = options;
    }

    /** White regenerates, black keeps: BFL's mask convention is Maskfill's, so the mask goes as it is. */
    Request submit(EngineInput input, byte[] imagePng, byte[] maskPng) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image", Base64.getEncoder().encodeToString(imagePng));
        body.put("mask", Base64.getEncoder().encodeToString(maskPng));
        body.put("prompt", input.prompt());
        body.put("steps", input.steps());
        body.put("guidance", input.guidance());
        body.put("seed", input.seed());
        body.put("safety_tolerance", options.safetyTolerance());
        body.put("output_format", options.outputFormat());
        body.put("prompt_upsampling", false);
        return authorized(Endpoints.resolve(root, FILL_PATH)).post(RemoteHttp.jsonBody(body)).build();
    }

    /**
     * The poll. BFL asks clients to poll exactly the {@code polling_url} it returned, which may name another
     * regional host than the one submitted to; the key goes there only when that host is BFL's own (HTTPS under
     * {@code bfl.ai}), the root's origin, or a loopback fake when the root is one too. Anything else would
     * receive the key, so the documented {@code get_result} on the root is asked instead.
     */
    Request poll(String pollingUrl, String id) {
        HttpUrl offered = pollingUrl == null ? null : HttpUrl.parse(pollingUrl.strip());
        HttpUrl url = offered != null && trusted(offered) ? offered
                : Endpoints.resolve(root, RESULT_PATH).newBuilder().addQueryParameter("id", id).build();
        return authorized(url).get().build();
    }

    private boolean trusted(HttpUrl url) {
        if (Endpoints.sameOrigin(url, root)) {
            return true;
        }
        String host = url.host().toLowerCase(Locale.ROOT);
        if (url.isHttps() && (host.equals("bfl.ai") || host.endsWith(".bfl.ai"))) {
            return true;
        }
        return EndpointPolicy.isLoopback(root.host()) && EndpointPolicy.isLoopback(host);
    }

    private Request.Builder authorized(HttpUrl url) {
        return new Request.Builder().url(url).header("x-key", apiKey.reveal());
    }
}
