package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.EndpointPolicy;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import okhttp3.HttpUrl;

/**
 * Base URLs and the URLs a provider hands back. Keys travel in headers, so every URL the client sends a
 * key to (and every URL it downloads from) must be HTTPS; plain HTTP is accepted only for loopback hosts,
 * where a local fake server or proxy runs.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * The root for an engine: the override when one is given, otherwise the documented root. The override
     * replaces the whole root (scheme, host, port and any path prefix such as Wiro's {@code /v1}); the
     * documented paths are appended to it unchanged.
     */
    public static HttpUrl root(String override, String documentedRoot) {
        return root(override, documentedRoot, false);
    }

    /** {@link #root(String, String)}; {@code plainHttpTrusted} as in {@link EndpointPolicy#parse(String, boolean)}. */
    public static HttpUrl root(String override, String documentedRoot, boolean plainHttpTrusted) {
        String chosen = override == null || override.isBlank() ? documentedRoot : override.strip();
        // One parser and one rule for the settings dialog and the engines (EndpointPolicy); OkHttp only builds on it.
        return HttpUrl.get(EndpointPolicy.parse(chosen, plainHttpTrusted).toString());
    }

    /** {@link #root} for an engine being created: a bad override is the user's input, reported as such. */
    public static HttpUrl forEngine(EngineContext context, String documentedRoot, String engineName)
            throws EngineException {
        try {
            return root(context.endpoint().map(Object::toString).orElse(null), documentedRoot);
        } catch (IllegalArgumentException e) {
            throw new EngineException(EngineException.Category.INVALID_INPUT, engineName + ": " + e.getMessage());
        }
    }

    /** Appends a documented path such as {@code "api/v3/predictions"} plus literal segments (ids are encoded). */
    public static HttpUrl resolve(HttpUrl root, String documentedPath, String... segments) {
        HttpUrl.Builder builder = root.newBuilder().addPathSegments(documentedPath);
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder.build();
    }

    /** Parses a URL a provider returned (a poll or output URL) and applies the HTTPS-or-loopback rule. */
    public static HttpUrl parseReturned(String url, String what) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw new IllegalArgumentException(what + " '" + url + "' is not an http(s) URL");
        }
        return requireSecure(parsed, what);
    }

    public static HttpUrl requireSecure(HttpUrl url, String what) {
        if (!url.isHttps() && !EndpointPolicy.isLoopback(url.host())) {
            throw new IllegalArgumentException(what + " '" + url.scheme() + "://" + url.host()
                    + "' must use https (plain http is allowed only for localhost, 127.0.0.0/8 and ::1)");
        }
        return url;
    }

    /** True when both URLs point at the same scheme, host and port (credentials may be sent to both). */
    public static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }
}
