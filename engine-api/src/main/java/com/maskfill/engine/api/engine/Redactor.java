package com.maskfill.engine.api.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removes every credential of one engine from text that may reach a log, an exception or the screen:
 * a provider may echo a key back in an error body, as it was sent or escaped into JSON or a URL.
 */
public final class Redactor {

    private static final String MASK = "***";

    /** Each secret in every form it may be echoed in, longest first. */
    private final List<String> forms;

    private Redactor(List<Secret> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (Secret secret : secrets) {
            String value = secret.reveal();
            all.add(value);
            all.add(jsonEscaped(value, false));
            all.add(jsonEscaped(value, true));
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            all.add(encoded);
            all.add(encoded.replace("+", "%20"));
            all.add(lowerHexEscapes(encoded));
        }
        this.forms = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static Redactor of(Secret... secrets) {
        return new Redactor(List.of(secrets));
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String form : forms) {
            result = result.replace(form, MASK);
        }
        return result;
    }

    /**
     * A short, redacted, single-line excerpt of a response body for an error message. The whole body is redacted
     * before it is cut, so a key that straddles the cut cannot leave its first half behind.
     */
    public String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String oneLine = redact(new String(body, StandardCharsets.UTF_8)).replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    /** As a JSON string would hold it: {@code \" \\ \/}, and with {@code htmlSafe} also {@code \u003d} and friends. */
    private static String jsonEscaped(String value, boolean htmlSafe) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append(htmlSafe ? "/" : "\\/");
                case '<', '>', '&', '=', '\'' -> out.append(htmlSafe ? String.format("\\u%04x", (int) c) : c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String lowerHexEscapes(String encoded) {
        StringBuilder out = new StringBuilder(encoded);
        for (int i = out.indexOf("%"); i >= 0 && i + 2 < out.length(); i = out.indexOf("%", i + 1)) {
            out.replace(i + 1, i + 3, out.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
