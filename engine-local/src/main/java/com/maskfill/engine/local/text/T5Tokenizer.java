package com.maskfill.engine.local.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * T5's SentencePiece tokenizer from the repo's {@code tokenizer_2/tokenizer.json}, through DJL's binding of the Rust
 * tokenizers library: {@code </s>} appended, truncated and padded with id 0 to a fixed length (the reference fill CLI
 * uses 128, diffusers 512; local-engine.md §1.5). No attention mask: the reference lets pad tokens attend.
 */
public final class T5Tokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;

    private T5Tokenizer(HuggingFaceTokenizer tokenizer, int maxLength) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
    }

    /** {@code tokenizerJson} is the {@code tokenizer.json} file or the folder holding it. */
    public static T5Tokenizer load(Path tokenizerJson, int maxLength) throws IOException {
        Path file = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve("tokenizer.json") : tokenizerJson;
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no tokenizer.json for the T5 encoder");
        }
        if (maxLength < 2) {
            throw new IllegalArgumentException("T5 max length must be at least 2, got " + maxLength);
        }
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(file)
                .optAddSpecialTokens(true).optTruncation(true).optPadToMaxLength().optMaxLength(maxLength).build();
        return new T5Tokenizer(tokenizer, maxLength);
    }

    public int maxLength() {
        return maxLength;
    }

    /** Exactly {@link #maxLength()} ids. */
    public long[] encode(String text) {
        Encoding encoding = tokenizer.encode(text);
        return encoding.getIds();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
