package com.maskfill.engine.api.engine;

import java.util.List;
import java.util.Objects;

/**
 * A plain (non-secret) setting an engine reads from {@link EngineContext#option(String)}, declared in its
 * {@link Capabilities} so the editor can offer a field for it and the command line can name it.
 *
 * @param key     the option key, e.g. {@code "model-dir"}
 * @param label   what the field is called in the editor, e.g. "Model folder"
 * @param kind    how the value is chosen
 * @param choices the allowed values of a {@link Kind#CHOICE}, first = default; empty otherwise
 * @param help    one sentence for the tooltip
 */
public record EngineSetting(String key, String label, Kind kind, List<String> choices, String help) {

    public enum Kind {
        FOLDER, FILE, CHOICE, TEXT,
        /**
         * One of the values the engine's server offers (a model file on the user's own server), listed by
         * {@link EngineProvider#discoverChoices}; typed freely when the server cannot be asked; empty = the
         * engine's own pick.
         */
        DISCOVERED
    }

    /**
     * The key of a setting listing more servers, comma-separated, besides the engine's base URL: an engine that
     * has it shares jobs among them, and the command line's {@code --endpoint URL,URL} fills it.
     */
    public static final String MORE_SERVERS = "servers";

    /**
     * The key of a choice setting ("false"/"true") with which the user trusts the network to carry plain http to
     * an engine's server on another computer ({@link EndpointPolicy#parse(String, boolean)}); only an engine that
     * holds no key worth stealing offers it (a studio's own ComfyUI server).
     */
    public static final String TRUST_PLAIN_HTTP = "trustPlainHttp";

    public EngineSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        choices = List.copyOf(choices);
        help = help == null ? "" : help;
        if (kind == Kind.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("setting " + key + " is a choice without choices");
        }
    }
}
