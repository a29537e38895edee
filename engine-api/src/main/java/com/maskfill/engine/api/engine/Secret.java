package com.maskfill.engine.api.engine;

import java.util.Objects;

/**
 * A credential value (API key, secret). Its {@link #toString()} never shows the value, so a secret that
 * slips into a log line or exception message stays hidden; call {@link #reveal()} only where the value
 * goes onto the wire.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
