package com.maskfill.engine.remote.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a provider's error body says, in its own words: FastAPI's {@code {"detail":[{"loc":[…],"msg":…}]}}
 * (BFL, fal), a plain {@code detail} string, Replicate's {@code invalid_fields} and {@code title}, or an
 * {@code error}/{@code message} field. {@code fields} names the inputs a validation error is about.
 *
 * @param words  one line for the user, empty when the body says nothing readable
 * @param fields input names such as {@code guidance}, without FastAPI's leading {@code body}
 * @param types  machine-readable error types where given ({@code content_policy_violation}, ...)
 */
public record ErrorBody(String words, List<String> fields, List<String> types) {

    private static final ErrorBody NOTHING = new ErrorBody("", List.of(), List.of());

    public ErrorBody {
        fields = List.copyOf(fields);
        types = List.copyOf(types);
    }

    /** Reads {@code text} (already redacted); anything that is not JSON becomes its first 300 characters. */
    public static ErrorBody parse(String text) {
        if (text == null || text.isBlank()) {
            return NOTHING;
        }
        JsonNode root;
        try {
            root = RemoteHttp.fromJsonText(text, JsonNode.class);
        } catch (MalformedResponseException e) {
            String line = text.replaceAll("\\s+", " ").strip();
            return new ErrorBody(line.length() > 300 ? line.substring(0, 300) + "…" : line, List.of(), List.of());
        }
        if (root == null || !root.isObject()) {
            return NOTHING;
        }
        List<String> words = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        Set<String> types = new LinkedHashSet<>();
        text(root.path("title")).ifPresent(words::add);
        JsonNode detail = root.path("detail");
        if (detail.isArray()) {
            for (JsonNode item : detail) {
                String field = location(item.path("loc"));
                if (!field.isEmpty()) {
                    fields.add(field);
                }
                text(item.path("type")).ifPresent(types::add);
                String msg = text(item.path("msg")).orElse(text(item).orElse(""));
                words.add(field.isEmpty() ? msg : field + ": " + msg);
            }
        } else {
            text(detail).ifPresent(words::add);
        }
        for (JsonNode item : root.path("invalid_fields")) {
            String field = text(item.path("field")).orElse("");
            String bare = field.startsWith("input.") ? field.substring("input.".length()) : field;
            if (!bare.isEmpty()) {
                fields.add(bare);
            }
            text(item.path("type")).ifPresent(types::add);
            text(item.path("description")).ifPresent(d -> words.add(bare.isEmpty() ? d : bare + ": " + d));
        }
        text(root.path("error_type")).ifPresent(types::add);
        JsonNode error = root.path("error");
        if (error.isObject()) {
            text(error.path("type")).ifPresent(types::add);
            text(error.path("message")).ifPresent(words::add);
        } else {
            text(error).ifPresent(types::add);
        }
        text(root.path("message")).ifPresent(words::add);
        String line = String.join("; ", new LinkedHashSet<>(words)).replaceAll("\\s+", " ").strip();
        return new ErrorBody(line, List.copyOf(fields), List.copyOf(types));
    }

    /** True when a type or the words mention {@code needle} (case-insensitive). */
    public boolean mentions(String needle) {
        String n = needle.toLowerCase(java.util.Locale.ROOT);
        return words.toLowerCase(java.util.Locale.ROOT).contains(n)
                || types.stream().anyMatch(t -> t.toLowerCase(java.util.Locale.ROOT).contains(n));
    }

    private static String location(JsonNode loc) {
        List<String> parts = new ArrayList<>();
        for (JsonNode part : loc) {
            String p = part.asText();
            if (parts.isEmpty() && (p.equals("body") || p.equals("query") || p.equals("input"))) {
                continue;
            }
            parts.add(p);
        }
        return String.join(".", parts);
    }

    private static java.util.Optional<String> text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() && !node.asText().isBlank()
                ? java.util.Optional.of(node.asText().strip()) : java.util.Optional.empty();
    }
}
