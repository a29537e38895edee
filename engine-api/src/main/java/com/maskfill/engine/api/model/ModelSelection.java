package com.maskfill.engine.api.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which files of which repository at which revision. A pattern is a path ({@code ae.safetensors}), a folder ending in
 * {@code /} ({@code text_encoder/}, everything under it) or a glob where {@code *} stays inside one folder
 * ({@code *.json} matches top-level JSON files only).
 */
public record ModelSelection(String repo, String revision, List<String> patterns) {

    public static final String FLUX_FILL_REPO = "black-forest-labs/FLUX.1-Fill-dev";
    public static final String MAIN = "main";

    /**
     * The repository holds the weights twice (single files and diffusers folders, about 58 GB together): this set
     * takes the single transformer and autoencoder files, the text encoders and tokenizers, and the small configs
     * (the transformer's and VAE's config.json only, not their weights).
     */
    public static final List<String> FLUX_FILL_FILES = List.of(
            "flux1-fill-dev.safetensors", "ae.safetensors", "text_encoder/", "text_encoder_2/", "tokenizer/",
            "tokenizer_2/", "*.json", "*.md", "transformer/config.json", "vae/config.json", "scheduler/");

    /** Small configs of the default set a mirror may lack: taken when there, not required. */
    private static final java.util.Set<String> OPTIONAL = java.util.Set.of("transformer/config.json", "vae/config.json");

    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");

    public ModelSelection {
        Objects.requireNonNull(repo, "repo");
        if (!REPO_ID.matcher(repo).matches() || repo.contains("..")) {
            throw new IllegalArgumentException("\"" + repo + "\" is not a repository id such as " + FLUX_FILL_REPO);
        }
        if (revision == null || revision.isBlank()) {
            throw new IllegalArgumentException("the revision is blank; use a branch, tag or commit such as main");
        }
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("no files chosen");
        }
    }

    /** FLUX.1 Fill [dev] at main, the default set. */
    public static ModelSelection fluxFill() {
        return new ModelSelection(FLUX_FILL_REPO, MAIN, FLUX_FILL_FILES);
    }

    /** Whether a pattern names a file that must exist: a plain path (folders and globs take what is there). */
    public static boolean required(String pattern) {
        return !pattern.contains("*") && !pattern.endsWith("/") && !OPTIONAL.contains(pattern);
    }

    public boolean selects(String path) {
        for (String p : patterns) {
            if (p.endsWith("/") ? path.startsWith(p) : p.contains("*") ? glob(p).matcher(path).matches()
                    : path.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            regex.append("[^/]*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
