package com.maskfill.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.maskfill.engine.local.weights.AutoencoderParams;
import com.maskfill.engine.local.weights.FluxParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared test data under {@code ../shared/testdata}, resolved from the repository root. */
public final class TestData {

    private TestData() {
    }

    public static Path repoDir() {
        String property = System.getProperty("maskfill.repo.dir");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.exists(pom) && Files.readString(pom).contains("<module>engine-api</module>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + pom, e);
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * The tiny FLUX Fill reference (hidden 64, 2 heads, 1+1 blocks; tiny AE ch 32) made by
     * {@code ../shared/tools/flux-reference/make_tiny_reference.py}, see its config.json.
     */
    public static Path fluxTinyA() {
        return repoDir().resolve("../shared/testdata/flux-tiny-a").normalize();
    }

    /**
     * FLUX's CLIP tokenizer files (vocab.json, merges.txt) and the reference tokenizer's ids for 52 prompts
     * (ids.json); its README.md says how they were made.
     */
    public static Path clipTokenizer() {
        return repoDir().resolve("../shared/testdata/clip-tokenizer").normalize();
    }

    /**
     * The second tiny reference (hidden 48, 3 heads, 2+2 blocks, 64 x 96 image, 24 text tokens, mask off the 8-pixel
     * grid), a test resource of this module; its README.md says how it was made.
     */
    public static Path fluxTinyB() {
        return resourceDir("/flux-tiny-b/config.json");
    }

    /**
     * A tiny LoRA in the reference's own format for flux-tiny-a and the reference fill with it at scale 0.7, a test
     * resource of this module; its README.md says how it was made.
     */
    public static Path fluxTinyALora() {
        return resourceDir("/flux-tiny-a-lora/README.md");
    }

    /**
     * The fp32 end-to-end oracle of a tiny reference ({@code reference-fp32.safetensors}): flux-tiny-a's lives in this
     * module's resources (shared/ is read-only), flux-tiny-b's beside its other files. The README says how it was made.
     */
    public static Path fp32Oracle(Path referenceDir) {
        return referenceDir.equals(fluxTinyA()) ? resourceDir("/flux-tiny-a-fp32/README.md") : referenceDir;
    }

    private static Path resourceDir(String file) {
        try {
            return Path.of(TestData.class.getResource(file).toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference harness's config.json: flux_params, ae_params, seed, steps, guidance, timesteps. */
    public static JsonNode fluxTinyConfig() {
        return config(fluxTinyA());
    }

    public static JsonNode config(Path referenceDir) {
        try {
            return new ObjectMapper().readTree(referenceDir.resolve("config.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FluxParams fluxTinyParams() {
        return FluxParams.fromReferenceJson(fluxTinyConfig().get("flux_params"));
    }

    public static AutoencoderParams aeTinyParams() {
        return AutoencoderParams.fromReferenceJson(fluxTinyConfig().get("ae_params"));
    }
}
