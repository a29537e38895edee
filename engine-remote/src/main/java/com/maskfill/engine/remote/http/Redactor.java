package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Removes every credential of one engine from text that may reach a log, an exception or the screen:
 * a provider may echo a key back in an error body.
 */
public final class Redactor {

    private static final String MASK = "***";

    private final List<Secret> secrets;

    private Redactor(List<Secret> secrets) {
        this.secrets = secrets;
    }

    public static Redactor of(Secret... secrets) {
        return new Redactor(List.of(secrets));
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Secret secret : secrets) {
            result = result.replace(secret.reveal(), MASK);
        }
        return result;
    }

    /** A short, redacted, single-line excerpt of a response body for an error message. */
    public String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = new String(body, 0, Math.min(body.length, 2_000), StandardCharsets.UTF_8);
        String oneLine = redact(text).replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
