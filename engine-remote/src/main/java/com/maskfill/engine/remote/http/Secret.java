package com.maskfill.engine.remote.http;

import java.util.Objects;

/**
 * A credential value (API key or secret) that never prints itself. The only way to the raw value is
 * {@link #reveal()}, which request builders call when they set a header or compute a signature.
 */
public final class Secret {

    private static final String MASK = "***";

    private final String name;
    private final String value;

    private Secret(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /**
     * @param name what the secret is, for messages (e.g. {@code WAVESPEED_API_KEY}); never the value
     * @param value the raw credential; surrounding whitespace from copy-paste is dropped
     */
    public static Secret of(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is empty; set it to the key from the provider's dashboard");
        }
        return new Secret(name, value.strip());
    }

    public String name() {
        return name;
    }

    public String reveal() {
        return value;
    }

    /** Replaces every occurrence of this secret in {@code text} (a provider may echo a key back in an error body). */
    public String redact(String text) {
        return text == null ? null : text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return name + "=" + MASK;
    }
}
