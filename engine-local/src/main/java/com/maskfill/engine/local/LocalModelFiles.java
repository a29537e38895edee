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

/**
 * Where each component's files are: given one by one, or found in a snapshot folder of the Hugging Face repo
 * black-forest-labs/FLUX.1-Fill-dev (files given one by one win, and the folder's copy of that component is then not
 * looked at). Resolved before any weight is read, so a missing piece is named at once, with where to get it. The one
 * place that finds and opens the text encoders.
 */
record LocalModelFiles(Path modelDir, Path transformer, Path autoencoder, Path clip, Path clipConfig,
        Path clipTokenizer, Path t5, Path t5Config, Path t5Tokenizer) {

    static final String REPO = "the Hugging Face repo black-forest-labs/FLUX.1-Fill-dev";

    /** Where the weights come from, for the user: the model folder, or the transformer and autoencoder files given. */
    String describe() {
        return modelDir != null ? modelDir.toAbsolutePath().normalize().toString()
                : transformer + " + " + autoencoder.getFileName();
    }

    static LocalModelFiles resolve(LocalEngineOptions o) throws EngineException {
        Path dir = o.modelDir();
        List<String> missing = new ArrayList<>();
        // No folder given: the snapshot `maskfill models download` or huggingface-cli put in the hub cache, if any.
        Path cached = dir == null ? fromHubCache(o.hubCache()) : null;
        dir = dir != null ? dir : cached;
        if (dir != null && !Files.isDirectory(dir)) {
            missing.add(LocalEngineOptions.MODEL_DIR + " = " + dir + " is not a folder");
            dir = null;
        }
        Path transformer = given(o.transformer(), LocalEngineOptions.TRANSFORMER, missing);
        Path ae = given(o.autoencoder(), LocalEngineOptions.AE, missing);
        boolean snapshot = dir != null && transformer == null && ae == null;
        if (snapshot) {
            if (existing(dir, "flux1-fill-dev.safetensors") == null && existing(dir, "transformer") == null) {
                missing.add("the FLUX.1 Fill transformer: " + dir + " has neither flux1-fill-dev.safetensors nor"
                        + " transformer/ (download them from " + REPO + ", or set " + LocalEngineOptions.TRANSFORMER
                        + " to a file)");
            }
            if (existing(dir, "ae.safetensors") == null && existing(dir, "vae") == null) {
                missing.add("the autoencoder: " + dir + " has neither ae.safetensors nor vae/ (download them from "
                        + REPO + ", or set " + LocalEngineOptions.AE + " to a file)");
            }
        } else {
            transformer = orIn(transformer, dir, "flux1-fill-dev.safetensors");
            ae = orIn(ae, dir, "ae.safetensors");
            if (transformer == null) {
                missing.add("the FLUX.1 Fill transformer: set " + LocalEngineOptions.TRANSFORMER
                        + " to flux1-fill-dev.safetensors (or a ComfyUI/fp8 copy) or " + LocalEngineOptions.MODEL_DIR
                        + " to a snapshot of " + REPO);
            }
            if (ae == null) {
                missing.add("the autoencoder: set " + LocalEngineOptions.AE + " to ae.safetensors from " + REPO);
            }
        }
        Path clip = given(o.clip(), LocalEngineOptions.CLIP, missing);
        clip = clip != null ? clip : weightsIn(dir, "text_encoder");
        if (clip == null) {
            missing.add("the CLIP-L text encoder: set " + LocalEngineOptions.CLIP
                    + " to text_encoder/model.safetensors from " + REPO + " (or ComfyUI's clip_l.safetensors)");
        }
        Path t5 = given(o.t5(), LocalEngineOptions.T5, missing);
        t5 = t5 != null ? t5 : weightsIn(dir, "text_encoder_2");
        if (t5 == null) {
            missing.add("the T5-XXL text encoder: set " + LocalEngineOptions.T5 + " to text_encoder_2/"
                    + "model.safetensors.index.json (with model-00001-of-00002.safetensors and"
                    + " model-00002-of-00002.safetensors) from " + REPO + " (or ComfyUI's t5xxl_fp16.safetensors)");
        }
        Path clipTokenizer = folder(o.clipTokenizer(), dir, "tokenizer", "vocab.json");
        if (clipTokenizer == null) {
            missing.add("the CLIP tokenizer: set " + LocalEngineOptions.CLIP_TOKENIZER
                    + " to a folder with tokenizer/vocab.json and tokenizer/merges.txt from " + REPO);
        }
        Path t5Tokenizer = folder(o.t5Tokenizer(), dir, "tokenizer_2", "tokenizer.json");
        if (t5Tokenizer == null) {
            missing.add("the T5 tokenizer: set " + LocalEngineOptions.T5_TOKENIZER
                    + " to a folder with tokenizer_2/tokenizer.json from " + REPO);
        }
        if (!missing.isEmpty()) {
            String where = o.modelDir() != null ? "" : cached != null ? " (in the Hugging Face cache snapshot "
                    + cached + "; `maskfill models download` fetches only what is missing)"
                    : ". Nothing was found in the Hugging Face cache " + o.hubCache() + ": `maskfill models download`"
                    + " (or Get the model in Engine Settings) fetches it there";
            throw new EngineException(EngineException.Category.INVALID_INPUT,
                    "The local engine is missing " + String.join("; ", missing) + where);
        }
        return new LocalModelFiles(snapshot ? dir : null, transformer, ae, clip,
                existing(dir, "text_encoder/config.json"), clipTokenizer, t5,
                existing(dir, "text_encoder_2/config.json"), t5Tokenizer);
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
        Path config = transformer.resolveSibling("transformer").resolve("config.json");
        FluxParams params = Files.isRegularFile(config)
                ? FluxParams.fromDiffusersConfig(FluxFillCheckpoint.readJson(config)) : null;
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
