package com.maskfill.engine.local.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The opened transformer and autoencoder of FLUX.1 Fill [dev], as users have them on disk, always in reference (BFL)
 * key names:
 * <ul>
 *   <li>a snapshot of the Hugging Face repo {@code black-forest-labs/FLUX.1-Fill-dev}: BFL single files
 *       {@code flux1-fill-dev.safetensors} and {@code ae.safetensors} at the root, diffusers folders beside them
 *       ({@code transformer/}, {@code vae/} give the configs, or the weights when the root files are absent);</li>
 *   <li>single files given one by one (ComfyUI layout: the transformer, {@code ae.safetensors}); ComfyUI's
 *       {@code model.diffusion_model.} key prefix is stripped.</li>
 * </ul>
 * The text encoders and tokenizers are not part of it: the engine's model files find and open those.
 * Diffusers-format transformers and autoencoders are read under reference names too ({@link DiffusersKeys}).
 * Every transformer and autoencoder tensor is checked for presence, shape and dtype on open; data is read later,
 * one tensor at a time.
 */
public final class FluxFillCheckpoint implements Closeable {

    static final String COMFY_PREFIX = "model.diffusion_model.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TensorSource transformer;
    private final FluxParams transformerParams;
    private final TensorSource autoencoder;
    private final AutoencoderParams autoencoderParams;

    private FluxFillCheckpoint(TensorSource transformer, FluxParams transformerParams, TensorSource autoencoder,
            AutoencoderParams autoencoderParams) {
        this.transformer = transformer;
        this.transformerParams = transformerParams;
        this.autoencoder = autoencoder;
        this.autoencoderParams = autoencoderParams;
    }

    /** Files given one by one. */
    public static FluxFillCheckpoint openFiles(Path transformerFile, Path autoencoderFile) {
        return openFiles(transformerFile, null, autoencoderFile, null);
    }

    /**
     * As {@link #openFiles(Path, Path)} with known hyper-parameters (a null one is read off the shapes), for
     * checkpoints whose RoPE axes differ from FLUX.1's, such as the tiny test models.
     */
    public static FluxFillCheckpoint openFiles(Path transformerFile, FluxParams transformerParams,
            Path autoencoderFile, AutoencoderParams autoencoderParams) {
        List<TensorSource> opened = new ArrayList<>();
        try {
            TensorSource transformer = PrefixStrippedSource.stripIfPresent(openWeights(transformerFile, opened),
                    COMFY_PREFIX);
            if (DiffusersKeys.isDiffusersTransformer(transformer)) {
                transformer = DiffusersKeys.transformer(transformer, transformerParams != null ? transformerParams
                        : DiffusersKeys.transformerParams(transformer));
            }
            TensorSource ae = openWeights(autoencoderFile, opened);
            if (DiffusersKeys.isDiffusersAutoencoder(ae)) {
                ae = diffusersAutoencoder(ae, autoencoderParams != null ? autoencoderParams : AutoencoderParams.FLUX1);
            }
            FluxParams params = checkedTransformerParams(transformer, null, transformerParams);
            AutoencoderParams aeParams = checkedAutoencoderParams(ae, null, autoencoderParams);
            return new FluxFillCheckpoint(transformer, params, ae, aeParams);
        } catch (RuntimeException e) {
            opened.forEach(TensorSource::close);
            throw e;
        }
    }

    /**
     * A snapshot folder of the Hugging Face repo {@code black-forest-labs/FLUX.1-Fill-dev}. The reference-format root
     * files are preferred; without them (diffusers' {@code from_pretrained} downloads only the folders) the diffusers
     * {@code transformer/} and {@code vae/} are read under reference names.
     */
    public static FluxFillCheckpoint openSnapshot(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new WeightsException(folder + ": not a folder");
        }
        List<TensorSource> opened = new ArrayList<>();
        try {
            TensorSource transformer;
            FluxParams params;
            Path transformerConfig = folder.resolve("transformer/config.json");
            if (Files.exists(folder.resolve("flux1-fill-dev.safetensors"))) {
                transformer = openWeights(folder.resolve("flux1-fill-dev.safetensors"), opened);
                params = checkedTransformerParams(transformer, transformerConfig, null);
            } else {
                TensorSource diffusers = openOptionalFolder(folder.resolve("transformer"),
                        "diffusion_pytorch_model.safetensors", opened);
                if (diffusers == null) {
                    throw new WeightsException(folder + ": neither flux1-fill-dev.safetensors nor a transformer/"
                            + " folder; is this a snapshot of black-forest-labs/FLUX.1-Fill-dev?");
                }
                params = Files.exists(transformerConfig)
                        ? FluxParams.fromDiffusersConfig(readJson(transformerConfig))
                        : DiffusersKeys.transformerParams(diffusers);
                transformer = DiffusersKeys.transformer(diffusers, params);
                checkedTransformerParams(transformer, null, params);
            }
            TensorSource ae;
            AutoencoderParams aeParams;
            Path vaeConfig = folder.resolve("vae/config.json");
            if (Files.exists(folder.resolve("ae.safetensors"))) {
                ae = openWeights(folder.resolve("ae.safetensors"), opened);
                aeParams = checkedAutoencoderParams(ae, vaeConfig, null);
            } else {
                TensorSource diffusers = openOptionalFolder(folder.resolve("vae"),
                        "diffusion_pytorch_model.safetensors", opened);
                if (diffusers == null) {
                    throw new WeightsException(folder + ": neither ae.safetensors nor a vae/ folder; is this a snapshot"
                            + " of black-forest-labs/FLUX.1-Fill-dev?");
                }
                aeParams = Files.exists(vaeConfig) ? AutoencoderParams.fromDiffusersConfig(readJson(vaeConfig))
                        : AutoencoderParams.FLUX1;
                ae = diffusersAutoencoder(diffusers, aeParams);
                checkedAutoencoderParams(ae, null, aeParams);
            }
            return new FluxFillCheckpoint(transformer, params, ae, aeParams);
        } catch (RuntimeException e) {
            opened.forEach(TensorSource::close);
            throw e;
        }
    }

    private static TensorSource diffusersAutoencoder(TensorSource diffusers, AutoencoderParams params) {
        if (diffusers.contains("quant_conv.weight") || diffusers.contains("post_quant_conv.weight")) {
            throw new WeightsException(diffusers.describe() + ": tensor 'quant_conv.weight': an autoencoder with quant"
                    + " convolutions is not FLUX's");
        }
        return DiffusersKeys.autoencoder(diffusers, params);
    }

    /**
     * A safetensors file, or a {@code *.safetensors.index.json} of a sharded checkpoint; fp8-scaled weights read
     * already multiplied by their scales.
     */
    public static TensorSource openWeights(Path file) {
        TensorSource source = file.getFileName().toString().endsWith(".index.json") ? ShardedSafetensors.open(file)
                : SafetensorsFile.open(file);
        return ScaledWeightsSource.wrapIfScaled(source);
    }

    private static TensorSource openWeights(Path file, List<TensorSource> opened) {
        TensorSource source = openWeights(file);
        opened.add(source);
        return source;
    }

    /** {@code folder/name}, or its shard index {@code folder/name.index.json}; null when the folder is absent. */
    private static TensorSource openOptionalFolder(Path folder, String name, List<TensorSource> opened) {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        Path index = folder.resolve(name + ".index.json");
        Path single = folder.resolve(name);
        if (Files.exists(index)) {
            return openWeights(index, opened);
        }
        if (Files.exists(single)) {
            return openWeights(single, opened);
        }
        throw new WeightsException(folder + ": neither " + name + " nor " + name + ".index.json");
    }

    private static FluxParams checkedTransformerParams(TensorSource transformer, Path diffusersConfig,
            FluxParams known) {
        if (!transformer.contains("img_in.weight")) {
            throw new WeightsException(transformer.describe() + ": tensor 'img_in.weight': missing; not a FLUX"
                    + " transformer in reference (BFL) or ComfyUI key names");
        }
        long inChannels = transformer.info("img_in.weight").shape()[1];
        if (inChannels != FluxParams.FLUX1_FILL_DEV.inChannels()) {
            throw new WeightsException(transformer.describe() + ": tensor 'img_in.weight': takes " + inChannels
                    + " input channels; FLUX.1 Fill takes 384 (is this FLUX.1 [dev] instead of Fill?)");
        }
        FluxParams params = known != null ? known
                : diffusersConfig != null && Files.exists(diffusersConfig)
                        ? FluxParams.fromDiffusersConfig(readJson(diffusersConfig))
                        : FluxParams.fromShapes(transformer);
        ExpectedTensors.verify(transformer, params.expectedShapes());
        return params;
    }

    private static AutoencoderParams checkedAutoencoderParams(TensorSource ae, Path diffusersConfig,
            AutoencoderParams known) {
        if (!ae.contains("decoder.conv_out.weight")) {
            throw new WeightsException(ae.describe() + ": tensor 'decoder.conv_out.weight': missing; not a FLUX"
                    + " autoencoder in reference (BFL) key names");
        }
        AutoencoderParams params = known != null ? known
                : diffusersConfig != null && Files.exists(diffusersConfig)
                        ? AutoencoderParams.fromDiffusersConfig(readJson(diffusersConfig))
                        : AutoencoderParams.fromShapes(ae);
        ExpectedTensors.verify(ae, params.expectedShapes());
        return params;
    }

    /** A config.json file, or a {@link WeightsException} naming it. */
    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new WeightsException(file + ": cannot read config: " + e.getMessage(), e);
        }
    }

    public TensorSource transformer() {
        return transformer;
    }

    public FluxParams transformerParams() {
        return transformerParams;
    }

    public TensorSource autoencoder() {
        return autoencoder;
    }

    public AutoencoderParams autoencoderParams() {
        return autoencoderParams;
    }

    @Override
    public void close() {
        transformer.close();
        autoencoder.close();
    }
}
