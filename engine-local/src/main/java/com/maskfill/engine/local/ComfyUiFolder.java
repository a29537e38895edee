package com.maskfill.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The FLUX.1 Fill files of a ComfyUI installation, found by where ComfyUI keeps them and the names its users give
 * them (model-download.md §2.3): the transformer in {@code models/diffusion_models} or the older {@code models/unet}
 * (a {@code .safetensors} file with "fill" in its name: {@code flux1-fill-dev.safetensors}, the fp8 copies),
 * CLIP-L and T5-XXL in {@code models/text_encoders} or the older {@code models/clip} ({@code clip_l*.safetensors};
 * {@code t5xxl*.safetensors}, fp16 preferred over fp8), the autoencoder in {@code models/vae} ({@code ae.safetensors}
 * or a name with "flux" and "vae"), and the tokenizers ComfyUI ships with its code ({@code comfy/sd1_tokenizer},
 * {@code comfy/text_encoders/t5_tokenizer}). Only names are looked at here; the engine checks each file's tensors
 * when it opens them. GGUF files are not used (no dequantizing kernels).
 *
 * @param root the folder the user chose: the installation, or its models folder
 * @return each part, or null where the installation has none
 */
record ComfyUiFolder(Path root, Path transformer, Path autoencoder, Path clip, Path t5, Path clipTokenizer,
        Path t5Tokenizer) {

    static ComfyUiFolder scan(Path root) {
        Path models = Files.isDirectory(root.resolve("models")) ? root.resolve("models") : root;
        Path code = models.getParent() == null ? root : models.getParent();
        Path transformer = first(models, List.of("diffusion_models", "unet"),
                name -> name.contains("fill"), name -> name.equals("flux1-fill-dev.safetensors") ? 0
                        : name.contains("fp8") ? 2 : 1);
        Path clip = first(models, List.of("text_encoders", "clip"), name -> name.startsWith("clip_l"), name -> 0);
        // fp16 first: it is what the reference computes with; fp8 copies count when they are all there is
        Path t5 = first(models, List.of("text_encoders", "clip"), name -> name.startsWith("t5xxl"),
                name -> name.contains("fp16") ? 0 : name.contains("scaled") ? 2 : 1);
        Path ae = first(models, List.of("vae"), name -> name.equals("ae.safetensors")
                || (name.contains("flux") && name.contains("vae")), name -> name.equals("ae.safetensors") ? 0 : 1);
        Path clipTokenizer = folderWith(code, "vocab.json", "comfy/sd1_tokenizer");
        Path t5Tokenizer = folderWith(code, "tokenizer.json", "comfy/text_encoders/t5_tokenizer", "comfy/t5_tokenizer");
        return new ComfyUiFolder(root, transformer, ae, clip, t5, clipTokenizer, t5Tokenizer);
    }

    /** The best-ranked {@code .safetensors} file matching {@code wanted} in the first of {@code folders} that has one. */
    private static Path first(Path models, List<String> folders, Predicate<String> wanted,
            java.util.function.ToIntFunction<String> rank) {
        for (String folder : folders) {
            Path dir = models.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            // ComfyUI lists subfolders too (users sort models into them): two levels are enough
            try (Stream<Path> files = Files.walk(dir, 2)) {
                Path best = files.filter(Files::isRegularFile)
                        .filter(f -> {
                            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                            return name.endsWith(".safetensors") && wanted.test(name);
                        })
                        .min(Comparator.<Path>comparingInt(f -> rank.applyAsInt(
                                f.getFileName().toString().toLowerCase(Locale.ROOT))).thenComparing(Path::toString))
                        .orElse(null);
                if (best != null) {
                    return best;
                }
            } catch (IOException e) {
                // an unreadable folder holds nothing usable
            }
        }
        return null;
    }

    private static Path folderWith(Path code, String marker, String... candidates) {
        for (String c : candidates) {
            Path dir = code.resolve(c);
            if (Files.isRegularFile(dir.resolve(marker))) {
                return dir;
            }
        }
        return null;
    }

    /** What was found, for the user: "transformer …, autoencoder …" (parts not found are left out). */
    String found() {
        StringBuilder s = new StringBuilder();
        append(s, "transformer", transformer);
        append(s, "autoencoder", autoencoder);
        append(s, "CLIP-L", clip);
        append(s, "T5-XXL", t5);
        append(s, "CLIP tokenizer", clipTokenizer);
        append(s, "T5 tokenizer", t5Tokenizer);
        return s.isEmpty() ? "no FLUX.1 Fill file" : s.toString();
    }

    private static void append(StringBuilder s, String what, Path file) {
        if (file != null) {
            s.append(s.isEmpty() ? "" : ", ").append(what).append(' ').append(file);
        }
    }
}
