package com.maskfill.engine.api.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * A credential value (API key, secret). Its {@link #toString()} never shows the value, so a secret that
 * slips into a log line or exception message stays hidden; call {@link #reveal()} only where the value
 * goes onto the wire.
 *
 * <p>Only printable ASCII is accepted: keys travel in HTTP headers, and a stray character (a {@code \r} left by
 * a Windows {@code .env} file, a no-break or zero-width space copied from a web page) would otherwise make the
 * HTTP library refuse the header with a message that quotes the whole key.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException when blank or not printable ASCII; the message never contains the value */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        problemWith(value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new Secret(value);
    }

    /**
     * Why {@code value} cannot be a key, in words that name the character and its position but never show the
     * value; empty when it can.
     */
    public static Optional<String> problemWith(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("the value is blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return Optional.of(String.format("character %d of %d is %s, which a key cannot contain; "
                        + "copy the key again without spaces or line endings", i + 1, value.length(), describe(c)));
            }
        }
        return Optional.empty();
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "a carriage return (U+000D)";
            case '\n' -> "a line feed (U+000A)";
            case '\t' -> "a tab (U+0009)";
            case ' ' -> "a space";
            case '\u00A0' -> "a no-break space (U+00A0)";
            case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF' -> String.format("an invisible zero-width character (U+%04X)", (int) c);
            default -> String.format("U+%04X", (int) c);
        };
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
