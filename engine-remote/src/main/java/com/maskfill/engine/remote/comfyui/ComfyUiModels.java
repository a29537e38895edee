package com.maskfill.engine.remote.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The model files a server offers (from {@code /object_info}) and the ones a FLUX.1 Fill job uses: the user's
 * choice when given, otherwise a sensible pick — a diffusion model whose name says "fill", CLIP-L plus a T5-XXL
 * file, and the FLUX autoencoder.
 */
record ComfyUiModels(String unet, String clipL, String t5, String vae, boolean differentialDiffusion) {

    /** The user's choices (engine options), each may be null. */
    record Choice(String unet, String clipL, String t5, String vae) {
    }

    /**
     * @param unets     the UNETLoader's {@code unet_name} options
     * @param clips     the DualCLIPLoader's {@code clip_name1} options
     * @param vaes      the VAELoader's {@code vae_name} options
     * @throws IllegalArgumentException naming what the server lacks and what it has
     */
    static ComfyUiModels pick(Choice choice, List<String> unets, List<String> clips, List<String> vaes,
                              boolean differentialDiffusion) {
        return new ComfyUiModels(unet(choice.unet(), unets), clipL(choice.clipL(), clips), t5(choice.t5(), clips),
                vae(choice.vae(), vaes), differentialDiffusion);
    }

    /** The engine's own picks by option key, where something fits, and what the server lacks, in words. */
    record Suggestion(Map<String, String> picks, List<String> lacking) {
    }

    /** What {@link #pick} takes when nothing is chosen, file kind by file kind, so one missing kind hides no other. */
    static Suggestion suggest(List<String> unets, List<String> clips, List<String> vaes) {
        Map<String, String> picks = new LinkedHashMap<>();
        List<String> lacking = new ArrayList<>();
        Map<String, Supplier<String>> kinds = new LinkedHashMap<>();
        kinds.put(ComfyUiEngineProvider.UNET, () -> unet(null, unets));
        kinds.put(ComfyUiEngineProvider.CLIP_L, () -> clipL(null, clips));
        kinds.put(ComfyUiEngineProvider.T5, () -> t5(null, clips));
        kinds.put(ComfyUiEngineProvider.VAE, () -> vae(null, vaes));
        kinds.forEach((key, pick) -> {
            try {
                picks.put(key, pick.get());
            } catch (IllegalArgumentException e) {
                lacking.add(e.getMessage());
            }
        });
        return new Suggestion(picks, lacking);
    }

    private static String unet(String choice, List<String> offered) {
        return chosen("diffusion model", ComfyUiEngineProvider.UNET, choice, offered,
                name -> name.contains("fill"), name -> name.contains("flux1-fill-dev"));
    }

    private static String clipL(String choice, List<String> offered) {
        return chosen("CLIP-L text encoder", ComfyUiEngineProvider.CLIP_L, choice, offered,
                name -> name.contains("clip_l") || name.contains("clip-l"), name -> name.startsWith("clip_l"));
    }

    private static String t5(String choice, List<String> offered) {
        return chosen("T5-XXL text encoder", ComfyUiEngineProvider.T5, choice, offered,
                name -> name.contains("t5xxl") || name.contains("t5-xxl") || name.contains("t5_xxl"),
                name -> name.contains("fp16"));
    }

    private static String vae(String choice, List<String> offered) {
        return chosen("autoencoder", ComfyUiEngineProvider.VAE, choice, offered,
                name -> name.equals("ae.safetensors") || name.contains("flux") && name.contains("vae")
                        || name.startsWith("ae."), name -> name.equals("ae.safetensors"));
    }

    private static String chosen(String what, String option, String choice, List<String> offered,
                                 Predicate<String> fits, Predicate<String> preferred) {
        if (choice != null && !choice.isBlank()) {
            if (!offered.contains(choice.strip())) {
                throw new IllegalArgumentException("the server has no " + what + " named \"" + choice.strip()
                        + "\" (" + option + "); it has: " + listed(offered));
            }
            return choice.strip();
        }
        List<String> fitting = offered.stream().filter(n -> fits.test(n.toLowerCase(Locale.ROOT))).toList();
        if (fitting.isEmpty()) {
            throw new IllegalArgumentException("the server has no FLUX.1 Fill " + what + (what.equals("diffusion model")
                    ? " (a file with \"fill\" in its name in models/diffusion_models, e.g. flux1-fill-dev.safetensors)"
                    : "") + "; it has: " + listed(offered) + ". Add one, or name one with the option " + option);
        }
        return fitting.stream().filter(n -> preferred.test(n.toLowerCase(Locale.ROOT))).findFirst()
                .orElse(fitting.get(0));
    }

    private static String listed(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names.size() > 8 ? names.subList(0, 8) : names)
                + (names.size() > 8 ? ", …" : "");
    }

    /**
     * The choices of one input of one node class in an {@code /object_info/<class>} answer. Both shapes are read:
     * the older {@code [["a", "b"], {...}]} and the newer {@code ["COMBO", {"options": ["a", "b"]}]}.
     */
    static List<String> options(JsonNode objectInfo, String nodeClass, String input) {
        JsonNode spec = objectInfo.path(nodeClass).path("input").path("required").path(input);
        JsonNode list = spec.path(0).isArray() ? spec.path(0) : spec.path(1).path("options");
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.asText()));
        return names;
    }

    /** True when {@code objectInfo} describes {@code nodeClass} (the server answers {@code {}} for unknown ones). */
    static boolean has(JsonNode objectInfo, String nodeClass) {
        return objectInfo.has(nodeClass);
    }
}
