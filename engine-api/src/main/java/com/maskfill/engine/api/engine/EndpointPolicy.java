package com.maskfill.engine.api.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule for base URLs that keys are sent to: HTTPS, or plain HTTP only to a loopback address (a local proxy
 * or fake server), so a key never crosses a network unencrypted. Shared by the editor's settings (to say so as
 * the user types) and the engines (to refuse it).
 */
public final class EndpointPolicy {

    private EndpointPolicy() {
    }

    /** Empty when {@code text} is an acceptable base URL, otherwise what is wrong with it. */
    public static Optional<String> problemWith(String text) {
        String trimmed = text == null ? "" : text.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return Optional.of("“" + trimmed + "” is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return Optional.of("“" + trimmed + "” is not an http(s) URL such as https://gateway.example.com");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("a base URL has no query or fragment");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            return Optional.of("plain http is allowed only for localhost, 127.0.0.0/8 and ::1; use https");
        }
        return Optional.empty();
    }

    /** Literal loopback names only: resolving DNS here would let a remote name pass as local. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
