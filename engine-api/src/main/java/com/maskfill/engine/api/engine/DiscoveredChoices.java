package com.maskfill.engine.api.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values of an engine's {@link EngineSetting.Kind#DISCOVERED} settings that only its server knows — the model
 * files a ComfyUI server has — as {@link EngineProvider#discoverChoices} found them, for the settings dialog.
 *
 * @param choices by setting key, the values offered, in the server's order; empty when the server was not asked
 * @param picks   by setting key, what the engine uses when the setting is left empty; a key is absent where
 *                nothing offered fits
 * @param message one sentence for the dialog: what was found, or what is wrong (a server without a fill model,
 *                one that does not answer); never holds a credential
 * @param problem true when {@code message} tells of something the user must fix before a job can run
 */
public record DiscoveredChoices(Map<String, List<String>> choices, Map<String, String> picks, String message,
                                boolean problem) {

    public DiscoveredChoices {
        Map<String, List<String>> copied = new LinkedHashMap<>();
        choices.forEach((key, values) -> copied.put(key, List.copyOf(values)));
        choices = java.util.Collections.unmodifiableMap(copied);
        picks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(picks));
        Objects.requireNonNull(message, "message");
    }

    /** The server answered: its values, the engine's picks, and {@code message} (a problem when {@code problem}). */
    public static DiscoveredChoices found(Map<String, List<String>> choices, Map<String, String> picks,
                                          String message, boolean problem) {
        return new DiscoveredChoices(choices, picks, message, problem);
    }

    /** Nothing could be read (the server did not answer, the settings are wrong): {@code message} says why. */
    public static DiscoveredChoices failed(String message) {
        return new DiscoveredChoices(Map.of(), Map.of(), message, true);
    }

    /** The engine has nothing to look up; nothing was sent. */
    public static DiscoveredChoices none(String message) {
        return new DiscoveredChoices(Map.of(), Map.of(), message, false);
    }

    /** The values offered for {@code key}, empty when none were found. */
    public List<String> choicesOf(String key) {
        return choices.getOrDefault(key, List.of());
    }
}
