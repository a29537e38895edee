package com.maskfill.engine.api.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule for base URLs that keys are sent to: HTTPS, or plain HTTP only to a loopback address (a local proxy
 * or fake server), so a key never crosses a network unencrypted; no query, fragment or {@code user:password@}
 * (a password there would be stored and shown as plain text). The one parser for base URLs: the editor's
 * settings use it to say what is wrong as the user types, and the engines use it before sending anything, so
 * the two can never disagree about a URL.
 */
public final class EndpointPolicy {

    private EndpointPolicy() {
    }

    /** Empty when {@code text} is an acceptable base URL, otherwise what is wrong with it. */
    public static Optional<String> problemWith(String text) {
        return problemWith(text, false);
    }

    /** {@link #problemWith(String)} under {@link #parse(String, boolean)}'s rule. */
    public static Optional<String> problemWith(String text, boolean plainHttpTrusted) {
        try {
            parse(text, plainHttpTrusted);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * {@code text} (stripped) as a base URL.
     *
     * @throws IllegalArgumentException saying what is wrong; the message never repeats a user name or password
     */
    public static URI parse(String text) {
        return parse(text, false);
    }

    /**
     * {@link #parse(String)}, where {@code plainHttpTrusted} also lets plain http reach a host that is not
     * loopback: for a server the user marked as trusted (a studio's ComfyUI box on its own network), never for
     * a service that receives a key.
     */
    public static URI parse(String text, boolean plainHttpTrusted) {
        String trimmed = text == null ? "" : text.strip();
        String shown = trimmed.contains("@") ? "the URL" : "“" + trimmed + "”";
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(shown + " is not a URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new IllegalArgumentException("a base URL must not contain a user name or password (user:pass@); "
                    + "keys belong in the engine settings");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        // A host java.net.URI cannot read as a server name (an underscore, say) leaves getHost() null: refused.
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException(shown + " is not an http(s) URL such as https://gateway.example.com");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("port " + uri.getPort() + " is out of range: allowed 1–65535");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a base URL has no query or fragment");
        }
        if (scheme.equals("http") && !plainHttpTrusted && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("plain http is allowed only for localhost, 127.0.0.0/8 and ::1; use https");
        }
        return uri;
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
