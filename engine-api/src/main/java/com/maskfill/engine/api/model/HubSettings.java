package com.maskfill.engine.api.model;

import com.maskfill.engine.api.engine.EndpointPolicy;
import com.maskfill.engine.api.engine.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Hub is and who asks it, read from the same environment variables as huggingface_hub: {@code HF_ENDPOINT}
 * (a mirror, or a test server), {@code HF_TOKEN} (legacy {@code HUGGING_FACE_HUB_TOKEN}, else the file
 * {@code huggingface-cli login} wrote: {@code HF_TOKEN_PATH}, default {@code $HF_HOME/token}), the cache
 * ({@link HubCache#fromEnvironment}) and {@code HF_HUB_OFFLINE}.
 *
 * @param token empty when anonymous; a {@link Secret}, so it never prints
 * @param tokenSource where the token came from ("HF_TOKEN", a file path), for messages; never the value
 */
public record HubSettings(URI endpoint, Optional<Secret> token, String tokenSource, HubCache cache, boolean offline) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    /**
     * @throws IllegalArgumentException when HF_ENDPOINT is not an https URL (or http to this machine), or the token
     *     cannot be a header value; the message names the variable, never the token
     */
    public static HubSettings fromEnvironment(Map<String, String> env) {
        String endpointText = nonBlank(env.get("HF_ENDPOINT")).orElse(DEFAULT_ENDPOINT);
        while (endpointText.endsWith("/")) {
            endpointText = endpointText.substring(0, endpointText.length() - 1);
        }
        URI endpoint;
        try {
            endpoint = EndpointPolicy.parse(endpointText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HF_ENDPOINT: " + e.getMessage());
        }
        HubCache cache = HubCache.fromEnvironment(env);
        String source = null;
        String value = null;
        for (String name : new String[] {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
            if (value == null && nonBlank(env.get(name)).isPresent()) {
                value = env.get(name).strip();
                source = name;
            }
        }
        if (value == null) {
            Path file = nonBlank(env.get("HF_TOKEN_PATH")).map(Path::of).orElse(cache.home().resolve("token"));
            try {
                if (Files.isRegularFile(file)) {
                    value = nonBlank(Files.readString(file)).map(String::strip).orElse(null);
                    source = file.toString();
                }
            } catch (IOException e) {
                // An unreadable token file is treated as no token: the Hub's 401 then says to sign in.
            }
        }
        Optional<Secret> token;
        try {
            token = Optional.ofNullable(value).map(Secret::of);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Hugging Face token from " + source + " cannot be used: "
                    + e.getMessage());
        }
        String offline = env.getOrDefault("HF_HUB_OFFLINE", "").strip().toLowerCase(java.util.Locale.ROOT);
        return new HubSettings(endpoint, token, token.isPresent() ? source : null, cache,
                offline.equals("1") || offline.equals("true") || offline.equals("yes") || offline.equals("on"));
    }

    /** The model's page on huggingface.co, where the licence is accepted (also when files come from a mirror). */
    public static String modelPage(String repo) {
        return DEFAULT_ENDPOINT + "/" + repo;
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", token=" + (token.isPresent() ? "from " + tokenSource : "none")
                + ", cache=" + cache.root() + ", offline=" + offline + "]";
    }
}
