package com.maskfill.engine.local.text;

import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.weights.SafetensorsFile;
import com.maskfill.engine.local.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Encoded prompts kept so that repeating a prompt skips the text encoders (T5-XXL alone is 9.5 GB of weights): the
 * last few in memory and, given a folder, every one on disk as a small safetensors file named by a hash of the prompt,
 * the T5 length and the encoders' identity (so other weights never answer for them). An entry that cannot be read (a
 * file cut short by a crash or a full disk) is deleted and counts as missing, so the prompt is encoded again.
 */
public final class PromptCache {

    /** The two conditioning arrays on the host: T5 states {@code txt} and CLIP's pooled {@code vec}. */
    public record Entry(float[] txt, Shape txtShape, float[] vec, Shape vecShape) {
    }

    private static final int IN_MEMORY = 8;

    private final Path folder;
    private final String encoders;
    private final int maxLength;
    private final Map<String, Entry> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > IN_MEMORY;
        }
    };

    /**
     * @param folder where entries are written, or null for memory only
     * @param encoders what identifies the text encoders and tokenizers (e.g. their files, sizes and times)
     */
    public PromptCache(Path folder, String encoders, int maxLength) {
        this.folder = folder;
        this.encoders = encoders;
        this.maxLength = maxLength;
    }

    public synchronized Optional<Entry> find(String prompt) {
        String key = key(prompt);
        Entry entry = recent.get(key);
        if (entry == null && folder != null && Files.isRegularFile(file(key))) {
            entry = read(file(key));
            if (entry != null) {
                recent.put(key, entry);
            }
        }
        return Optional.ofNullable(entry);
    }

    public synchronized void store(String prompt, Entry entry) {
        String key = key(prompt);
        recent.put(key, entry);
        if (folder == null) {
            return;
        }
        try {
            Files.createDirectories(folder);
            new SafetensorsWriter().addF32("txt", entry.txtShape().getShape(), entry.txt())
                    .addF32("vec", entry.vecShape().getShape(), entry.vec()).writeAtomically(file(key));
        } catch (IOException e) {
            // a cache that cannot be written costs time, not results
            System.getLogger(PromptCache.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot cache the prompt embedding in " + folder + ": " + e.getMessage());
        }
    }

    /** The file an entry for {@code prompt} is (or would be) written to, when there is a folder. */
    public Optional<Path> fileFor(String prompt) {
        return folder == null ? Optional.empty() : Optional.of(file(key(prompt)));
    }

    private Path file(String key) {
        return folder.resolve(key + ".safetensors");
    }

    /** The entry in {@code file}, or null when it cannot be read (the file is then deleted). */
    private static Entry read(Path file) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            return new Entry(st.readFloat32("txt"), new Shape(st.info("txt").shape()), st.readFloat32("vec"),
                    new Shape(st.info("vec").shape()));
        } catch (RuntimeException corrupt) {
            // any reason a cached entry cannot be read costs one encoding, never the job
            System.getLogger(PromptCache.class.getName()).log(System.Logger.Level.WARNING,
                    "cached prompt embedding " + file + " cannot be read and is encoded again: " + corrupt.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                corrupt.addSuppressed(e);
            }
            return null;
        }
    }

    private String key(String prompt) {
        return sha256(encoders + "\n" + maxLength + "\n" + prompt).substring(0, 32);
    }

    /** Hex SHA-256 of the UTF-8 text: cache file names. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
