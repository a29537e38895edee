package com.maskfill.engine.local;

import com.maskfill.engine.local.text.TinyTextFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A snapshot folder shaped like black-forest-labs/FLUX.1-Fill-dev holding the tiny reference transformer and
 * autoencoder (flux-tiny-a, copied) with a diffusers transformer/config.json for its RoPE axes, and tiny random text
 * encoders whose widths fit it (CLIP 16 = vec_in_dim, T5 32 = context_in_dim).
 */
final class TinySnapshot {

    private TinySnapshot() {
    }

    static Path write(Path dir) throws IOException {
        Path s = Files.createDirectories(dir.resolve("FLUX.1-Fill-dev"));
        Files.copy(TestData.fluxTinyA().resolve("flux-tiny.safetensors"), s.resolve("flux1-fill-dev.safetensors"));
        Files.copy(TestData.fluxTinyA().resolve("ae-tiny.safetensors"), s.resolve("ae.safetensors"));
        Files.writeString(Files.createDirectories(s.resolve("transformer")).resolve("config.json"), """
                {"in_channels":384,"out_channels":64,"pooled_projection_dim":16,"joint_attention_dim":32,
                 "num_attention_heads":2,"attention_head_dim":32,"num_layers":1,"num_single_layers":1,
                 "axes_dims_rope":[8,12,12],"guidance_embeds":true}
                """);
        TinyTextFolders.write(s, 16, 32, 11);
        return s;
    }
}
