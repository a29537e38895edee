package com.maskfill.engine.local;

import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.model.HubCache;
import com.maskfill.engine.api.model.ModelSelection;
import com.maskfill.engine.local.text.ClipTokenizer;
import com.maskfill.engine.local.weights.FluxFillCheckpoint;
import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.TensorSource;
import com.maskfill.engine.local.weights.WeightsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where each component's files are: given one by one, found in a snapshot folder of the Hugging Face repo
 * black-forest-labs/FLUX.1-Fill-dev (the model folder chosen, else the one in the Hugging Face cache), or found in a
 * ComfyUI installation the user pointed at ({@link ComfyUiFolder}). For each part the first of these wins: a file
 * given, the model folder chosen, ComfyUI, the Hugging Face cache — so a ComfyUI installation without tokenizers is
 * completed by a small download into the cache. Resolved before any weight is read, so a missing piece is named at
 * once, with the download that fetches only it. The one place that finds and opens the text encoders.
 */
record LocalModelFiles(Path modelDir, Path transformer, Path transformerConfig, Path autoencoder, Path clip,
        Path clipConfig, Path clipTokenizer, Path t5, Path t5Config, Path t5Tokenizer) {

    static final String REPO = "the Hugging Face repo black-forest-labs/FLUX.1-Fill-dev";

    /**
     * Where the weights come from, for the user: the model folder when every part is in it, else each part's file
     * or folder.
     */
    String describe() {
        if (modelDir != null && Stream.of(clip, t5, clipTokenizer, t5Tokenizer).allMatch(p -> inside(p, modelDir))) {
            return modelDir.toAbsolutePath().normalize().toString();
        }
        String weights = modelDir != null ? "transformer and autoencoder in " + modelDir.toAbsolutePath().normalize()
                : "transformer " + transformer + ", autoencoder " + autoencoder;
        return weights + ", CLIP-L " + clip + ", T5-XXL " + t5 + ", tokenizers " + clipTokenizer + " and "
                + t5Tokenizer;
    }

    private static boolean inside(Path p, Path dir) {
        return p.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize());
    }

    static LocalModelFiles resolve(LocalEngineOptions o) throws EngineException {
        List<String> missing = new ArrayList<>();
        // Repository paths that would complete the set: the download suggested fetches only these.
        List<String> fetch = new ArrayList<>();
        Path chosen = o.modelDir();
        if (chosen != null && !Files.isDirectory(chosen)) {
            missing.add(LocalEngineOptions.MODEL_DIR + " = " + chosen + " is not a folder");
            chosen = null;
        }
        // No folder chosen: the snapshot `maskfill models download` or huggingface-cli put in the hub cache, if any.
        Path cached = o.modelDir() == null ? fromHubCache(o.hubCache()) : null;
        ComfyUiFolder comfy = null;
        if (o.comfyUiDir() != null) {
            if (Files.isDirectory(o.comfyUiDir())) {
                comfy = ComfyUiFolder.scan(o.comfyUiDir());
            } else {
                missing.add(LocalEngineOptions.COMFYUI_DIR + " = " + o.comfyUiDir() + " is not a folder");
            }
        }
        ComfyUiFolder c = comfy;
        Path dir = chosen != null ? chosen : cached;
        Path transformer = given(o.transformer(), LocalEngineOptions.TRANSFORMER, missing);
        Path ae = given(o.autoencoder(), LocalEngineOptions.AE, missing);
        boolean fromComfy = c != null && chosen == null && (c.transformer() != null || c.autoencoder() != null);
        boolean snapshot = dir != null && transformer == null && ae == null && !fromComfy;
        if (snapshot) {
            if (existing(dir, "flux1-fill-dev.safetensors") == null && existing(dir, "transformer") == null) {
                missing.add("the FLUX.1 Fill transformer: " + dir + " has neither flux1-fill-dev.safetensors nor"
                        + " transformer/ (download them from " + REPO + ", or set " + LocalEngineOptions.TRANSFORMER
                        + " to a file)");
                fetch.add("flux1-fill-dev.safetensors");
            }
            if (existing(dir, "ae.safetensors") == null && existing(dir, "vae") == null) {
                missing.add("the autoencoder: " + dir + " has neither ae.safetensors nor vae/ (download them from "
                        + REPO + ", or set " + LocalEngineOptions.AE + " to a file)");
                fetch.add("ae.safetensors");
            }
        } else {
            transformer = firstOf(transformer, existing(chosen, "flux1-fill-dev.safetensors"),
                    c == null ? null : c.transformer(), existing(cached, "flux1-fill-dev.safetensors"));
            ae = firstOf(ae, existing(chosen, "ae.safetensors"), c == null ? null : c.autoencoder(),
                    existing(cached, "ae.safetensors"));
            if (transformer == null) {
                missing.add("the FLUX.1 Fill transformer: set " + LocalEngineOptions.TRANSFORMER
                        + " to flux1-fill-dev.safetensors (or a ComfyUI/fp8 copy) or " + LocalEngineOptions.MODEL_DIR
                        + " to a snapshot of " + REPO);
                fetch.add("flux1-fill-dev.safetensors");
            }
            if (ae == null) {
                missing.add("the autoencoder: set " + LocalEngineOptions.AE + " to ae.safetensors from " + REPO);
                fetch.add("ae.safetensors");
            }
        }
        Path clip = firstOf(given(o.clip(), LocalEngineOptions.CLIP, missing), weightsIn(chosen, "text_encoder"),
                c == null ? null : c.clip(), weightsIn(cached, "text_encoder"));
        if (clip == null) {
            missing.add("the CLIP-L text encoder: set " + LocalEngineOptions.CLIP
                    + " to text_encoder/model.safetensors from " + REPO + " (or ComfyUI's clip_l.safetensors)");
            fetch.add("text_encoder/");
        }
        Path t5 = firstOf(given(o.t5(), LocalEngineOptions.T5, missing), weightsIn(chosen, "text_encoder_2"),
                c == null ? null : c.t5(), weightsIn(cached, "text_encoder_2"));
        if (t5 == null) {
            missing.add("the T5-XXL text encoder: set " + LocalEngineOptions.T5 + " to text_encoder_2/"
                    + "model.safetensors.index.json (with model-00001-of-00002.safetensors and"
                    + " model-00002-of-00002.safetensors) from " + REPO + " (or ComfyUI's t5xxl_fp16.safetensors)");
            fetch.add("text_encoder_2/");
        }
        Path clipTokenizer = o.clipTokenizer() != null ? folder(o.clipTokenizer(), null, "tokenizer", "vocab.json")
                : firstOf(folder(null, chosen, "tokenizer", "vocab.json"), c == null ? null : c.clipTokenizer(),
                        folder(null, cached, "tokenizer", "vocab.json"));
        if (clipTokenizer == null) {
            missing.add("the CLIP tokenizer: set " + LocalEngineOptions.CLIP_TOKENIZER
                    + " to a folder with tokenizer/vocab.json and tokenizer/merges.txt from " + REPO);
            fetch.add("tokenizer/");
        }
        Path t5Tokenizer = o.t5Tokenizer() != null ? folder(o.t5Tokenizer(), null, "tokenizer_2", "tokenizer.json")
                : firstOf(folder(null, chosen, "tokenizer_2", "tokenizer.json"), c == null ? null : c.t5Tokenizer(),
                        folder(null, cached, "tokenizer_2", "tokenizer.json"));
        if (t5Tokenizer == null) {
            missing.add("the T5 tokenizer: set " + LocalEngineOptions.T5_TOKENIZER
                    + " to a folder with tokenizer_2/tokenizer.json from " + REPO);
            fetch.add("tokenizer_2/");
        }
        if (!missing.isEmpty()) {
            if (c != null) {
                // ComfyUI's files carry no configs; the repository's small ones come along (official ones otherwise)
                for (String config : List.of("transformer/config.json", "text_encoder/config.json",
                        "text_encoder_2/config.json")) {
                    if (existing(cached, config) == null && fetch.stream().noneMatch(config::startsWith)) {
                        fetch.add(config);
                    }
                }
            }
            throw new EngineException(EngineException.Category.INVALID_INPUT,
                    "The local engine is missing " + String.join("; ", missing) + where(o, cached, c, fetch));
        }
        Path transformerConfig = null;
        if (!snapshot) {
            transformerConfig = firstOf(existing(transformer.resolveSibling("transformer"), "config.json"),
                    existing(dir, "transformer/config.json"));
        }
        return new LocalModelFiles(snapshot ? dir : null, transformer, transformerConfig, ae, clip,
                existing(dir, "text_encoder/config.json"), clipTokenizer, t5,
                existing(dir, "text_encoder_2/config.json"), t5Tokenizer);
    }

    /** Where the engine looked, and the download that completes the set (only what is missing). */
    private static String where(LocalEngineOptions o, Path cached, ComfyUiFolder comfy, List<String> fetch) {
        if (o.modelDir() != null) {
            return "";
        }
        if (cached == null && comfy == null) {
            return ". Nothing was found in the Hugging Face cache " + o.hubCache() + ": `maskfill models download`"
                    + " (or Get the model in Engine Settings) fetches it there";
        }
        List<String> found = new ArrayList<>();
        if (comfy != null) {
            found.add("in the ComfyUI folder " + comfy.root() + ": " + comfy.found());
        }
        if (cached != null) {
            found.add("in the Hugging Face cache snapshot " + cached);
        }
        String download = fetch.isEmpty() ? "" : "; `maskfill models download --files " + String.join(",", fetch)
                + "` fetches only what is missing into the Hugging Face cache " + o.hubCache()
                + ", where the engine finds it";
        return " (found " + String.join("; ", found) + ")" + download;
    }

    @SafeVarargs
    private static <T> T firstOf(T... candidates) {
        for (T t : candidates) {
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** Every weight file, opened once for the engine's life (headers only: data is read when a part is loaded). */
    record Opened(FluxFillCheckpoint checkpoint, TensorSource clip, TensorSource t5) implements AutoCloseable {
        @Override
        public void close() {
            checkpoint.close();
            clip.close();
            t5.close();
        }
    }

    /**
     * Opens the transformer and autoencoder (shapes and dtypes are checked) and the text encoders.
     *
     * @throws WeightsException naming the file that cannot be used
     */
    Opened open() {
        FluxFillCheckpoint checkpoint = openCheckpoint();
        TensorSource clipWeights = null;
        try {
            clipWeights = FluxFillCheckpoint.openWeights(clip);
            return new Opened(checkpoint, clipWeights, FluxFillCheckpoint.openWeights(t5));
        } catch (RuntimeException e) {
            if (clipWeights != null) {
                clipWeights.close();
            }
            checkpoint.close();
            throw e;
        }
    }

    private FluxFillCheckpoint openCheckpoint() {
        if (modelDir != null) {
            return FluxFillCheckpoint.openSnapshot(modelDir);
        }
        FluxParams params = transformerConfig != null
                ? FluxParams.fromDiffusersConfig(FluxFillCheckpoint.readJson(transformerConfig)) : null;
        return FluxFillCheckpoint.openFiles(transformer, params, autoencoder, null);
    }

    /** A string that changes when any text-encoder file changes, for the prompt cache's keys. */
    String textEncoderIdentity() {
        // the tokenizer's revision too: prompts cached before a tokenizer fix must be encoded again
        return identity(clip, clipConfig, clipTokenizer.resolve("vocab.json"), t5, t5Config,
                t5Tokenizer.resolve("tokenizer.json")) + "clip tokenizer " + ClipTokenizer.REVISION + "\n";
    }

    /** A string that changes when the transformer's files change, for converted-weight caches. */
    String transformerIdentity() {
        if (modelDir == null) {
            return identity(transformer);
        }
        Path single = modelDir.resolve("flux1-fill-dev.safetensors");
        if (Files.exists(single)) {
            return identity(single);
        }
        try (var shards = Files.list(modelDir.resolve("transformer"))) {
            return identity(shards.sorted().toArray(Path[]::new));
        } catch (java.io.IOException e) {
            return identity(modelDir.resolve("transformer"));
        }
    }

    /** Paths, sizes and modification times. */
    /** Path, size and modification time of each file: changes when one of them does. */
    static String identity(Path... files) {
        StringBuilder id = new StringBuilder();
        for (Path p : files) {
            if (p != null) {
                try {
                    id.append(p.toAbsolutePath()).append(' ').append(Files.size(p)).append(' ')
                            .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
                } catch (java.io.IOException e) {
                    id.append(p.toAbsolutePath()).append('\n');
                }
            }
        }
        return id.toString();
    }

    /** The snapshot {@code refs/main} of FLUX.1-Fill-dev points at in the hub cache {@code root}, when there is one. */
    static Path fromHubCache(Path root) {
        if (root == null) {
            return null;
        }
        return new HubCache(root.getParent() == null ? root : root.getParent(), root)
                .findSnapshot(ModelSelection.FLUX_FILL_REPO, ModelSelection.MAIN).orElse(null);
    }

    private static Path given(Path file, String key, List<String> missing) {
        if (file != null && !Files.isRegularFile(file)) {
            missing.add(key + " = " + file + ": no such file");
            return null;
        }
        return file;
    }

    private static Path orIn(Path file, Path dir, String name) {
        return file != null ? file : existing(dir, name);
    }

    private static Path weightsIn(Path dir, String folder) {
        Path index = existing(dir, folder + "/model.safetensors.index.json");
        return index != null ? index : existing(dir, folder + "/model.safetensors");
    }

    private static Path folder(Path given, Path dir, String sub, String marker) {
        if (given != null) {
            return Files.isRegularFile(given.resolve(marker)) ? given
                    : Files.isRegularFile(given.resolve(sub).resolve(marker)) ? given.resolve(sub) : null;
        }
        Path found = existing(dir, sub + "/" + marker);
        return found == null ? null : found.getParent();
    }

    private static Path existing(Path dir, String relative) {
        if (dir == null) {
            return null;
        }
        Path p = dir.resolve(relative);
        return Files.exists(p) ? p : null;
    }
}
