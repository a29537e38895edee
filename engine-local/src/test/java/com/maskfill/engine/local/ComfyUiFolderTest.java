package com.maskfill.engine.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local engine finds FLUX.1 Fill in a ComfyUI installation and names exactly what such a set lacks. */
class ComfyUiFolderTest {

    @TempDir
    Path dir;

    private Path file(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, relative);
    }

    private LocalModelFiles resolve(Path comfy) throws EngineException {
        return LocalModelFiles.resolve(LocalEngineOptions.from(EngineContext.builder()
                .option("comfyui-dir", comfy.toString())
                .option("hub-cache", dir.resolve("empty-hub").toString()).build()));
    }

    @Test
    void aCompleteInstallationIsUsedAndEachFileNamedWithFp8T5CountingWhenNoFp16IsThere() throws Exception {
        file("ComfyUI/models/diffusion_models/flux1-dev.safetensors"); // not the Fill model
        Path transformer = file("ComfyUI/models/diffusion_models/flux/flux1-fill-dev-fp8.safetensors");
        Path clip = file("ComfyUI/models/text_encoders/clip_l.safetensors");
        Path t5 = file("ComfyUI/models/text_encoders/t5xxl_fp8_e4m3fn.safetensors");
        file("ComfyUI/models/text_encoders/t5-v1_1-xxl-encoder-Q5_K_M.gguf");
        Path ae = file("ComfyUI/models/vae/ae.safetensors");
        file("ComfyUI/comfy/sd1_tokenizer/vocab.json");
        file("ComfyUI/comfy/text_encoders/t5_tokenizer/tokenizer.json");

        LocalModelFiles files = resolve(dir.resolve("ComfyUI"));

        assertEquals(transformer, files.transformer());
        assertEquals(ae, files.autoencoder());
        assertEquals(clip, files.clip());
        assertEquals(t5, files.t5());
        assertEquals(dir.resolve("ComfyUI/comfy/sd1_tokenizer"), files.clipTokenizer());
        assertEquals(dir.resolve("ComfyUI/comfy/text_encoders/t5_tokenizer"), files.t5Tokenizer());
        assertNull(files.modelDir());
        String said = files.describe();
        for (Path p : new Path[] {transformer, ae, clip, t5}) {
            assertTrue(said.contains(p.toString()), p + " in: " + said);
        }
    }

    @Test
    void theOlderFolderNamesCountAndFp16T5IsPreferredOverFp8() throws Exception {
        Path transformer = file("models/unet/FLUX.1-Fill-dev_fp8.safetensors");
        file("models/clip/clip_l.safetensors");
        file("models/clip/t5xxl_fp8_e4m3fn_scaled.safetensors");
        Path fp16 = file("models/clip/t5xxl_fp16.safetensors");
        file("models/vae/ae.safetensors");

        // the models folder itself may be chosen too
        ComfyUiFolder found = ComfyUiFolder.scan(dir.resolve("models"));

        assertEquals(transformer, found.transformer());
        assertEquals(fp16, found.t5());
    }

    @Test
    void aPartialSetNamesWhatIsMissingAndTheDownloadThatFetchesOnlyThat() throws Exception {
        file("ComfyUI/models/diffusion_models/flux1-fill-dev.safetensors");
        file("ComfyUI/models/text_encoders/t5xxl_fp16.safetensors");

        EngineException e = assertThrows(EngineException.class, () -> resolve(dir.resolve("ComfyUI")));

        String m = e.getMessage();
        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertTrue(m.contains("the autoencoder") && m.contains("the CLIP-L text encoder")
                && m.contains("the CLIP tokenizer") && m.contains("the T5 tokenizer"), m);
        assertFalse(m.contains("the FLUX.1 Fill transformer") || m.contains("the T5-XXL text encoder"), m);
        assertTrue(m.contains("found in the ComfyUI folder " + dir.resolve("ComfyUI") + ": transformer "), m);
        assertTrue(m.contains("`maskfill models download --files ae.safetensors,text_encoder/,tokenizer/,tokenizer_2/,"
                + "transformer/config.json,text_encoder_2/config.json`"), m);
    }

    @Test
    void aComfyUiFolderThatIsNotThereIsNamed() {
        EngineException e = assertThrows(EngineException.class, () -> resolve(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("comfyui-dir = " + dir.resolve("nowhere") + " is not a folder"),
                e.getMessage());
    }
}
