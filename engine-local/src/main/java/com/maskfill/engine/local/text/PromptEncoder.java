package com.maskfill.engine.local.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.maskfill.engine.local.nn.WeightStorage;
import com.maskfill.engine.local.weights.TensorSource;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A prompt to FLUX's two text inputs: T5's hidden states ({@code txt}, (1, maxLength, 4096)) and CLIP's pooled vector
 * ({@code vec}, (1, 768)), both float32, as the reference's conditioner produces them.
 */
public final class PromptEncoder implements AutoCloseable {

    /** The two conditioning arrays, owned by the manager given to {@link #encode}. */
    public record Embedding(NDArray txt, NDArray vec) {
    }

    private final ClipTokenizer clipTokenizer;
    private final ClipTextEncoder clip;
    private final T5Tokenizer t5Tokenizer;
    private final T5Encoder t5;

    public PromptEncoder(ClipTokenizer clipTokenizer, ClipTextEncoder clip, T5Tokenizer t5Tokenizer, T5Encoder t5) {
        this.clipTokenizer = clipTokenizer;
        this.clip = clip;
        this.t5Tokenizer = t5Tokenizer;
        this.t5 = t5;
    }

    /**
     * Both encoders from their weights, Hugging Face {@code config.json} files (null: FLUX's CLIP-L and T5-XXL) and
     * tokenizer folders. The weights are copied out of the sources, which the caller may close afterwards.
     */
    public static PromptEncoder load(NDManager manager, TensorSource clipWeights, Path clipConfigFile,
            Path clipTokenizerDir, TensorSource t5Weights, Path t5ConfigFile, Path t5TokenizerDir, int t5MaxLength)
            throws IOException {
        return load(manager, clipWeights, clipConfigFile, clipTokenizerDir, t5Weights, t5ConfigFile, t5TokenizerDir,
                t5MaxLength, WeightStorage.FP32);
    }

    /** As above with T5's linear layers held as {@code t5Storage} (CLIP-L is small and stays float32). */
    public static PromptEncoder load(NDManager manager, TensorSource clipWeights, Path clipConfigFile,
            Path clipTokenizerDir, TensorSource t5Weights, Path t5ConfigFile, Path t5TokenizerDir, int t5MaxLength,
            WeightStorage t5Storage) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ClipTextEncoder.Config clipConfig = clipConfigFile != null
                ? ClipTextEncoder.Config.fromHfConfig(json.readTree(clipConfigFile.toFile()))
                : ClipTextEncoder.Config.CLIP_L;
        T5Encoder.Config t5Config = t5ConfigFile != null
                ? T5Encoder.Config.fromHfConfig(json.readTree(t5ConfigFile.toFile()))
                : T5Encoder.Config.T5_V1_1_XXL;
        ClipTokenizer clipTokenizer = ClipTokenizer.load(clipTokenizerDir);
        T5Tokenizer t5Tokenizer = T5Tokenizer.load(t5TokenizerDir, t5MaxLength);
        ClipTextEncoder clip = null;
        try {
            clip = ClipTextEncoder.load(manager, clipWeights, clipConfig);
            return new PromptEncoder(clipTokenizer, clip, t5Tokenizer, T5Encoder.load(manager, t5Weights, t5Config,
                    t5Storage));
        } catch (RuntimeException e) {
            t5Tokenizer.close();
            if (clip != null) {
                clip.close();
            }
            throw e;
        }
    }

    public Embedding encode(NDManager manager, String prompt) {
        NDArray txt = t5.encode(manager, t5Tokenizer.encode(prompt));
        NDArray vec = clip.pooled(manager, clipTokenizer.encode(prompt));
        return new Embedding(txt, vec);
    }

    @Override
    public void close() {
        t5Tokenizer.close();
        clip.close();
        t5.close();
    }
}
