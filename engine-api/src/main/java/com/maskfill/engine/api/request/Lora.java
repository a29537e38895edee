package com.maskfill.engine.api.request;

import java.util.Objects;

/**
 * A LoRA to apply on top of FLUX.1 Fill [dev].
 *
 * @param source a local path, a URL, or a provider-specific id such as a Hugging Face repo
 *               ({@code owner/name}); engines decide which forms they accept
 * @param scale  strength, allowed {@link FillRequest#LORA_SCALE_RANGE}; checked when the request is built
 */
public record Lora(String source, double scale) {

    public Lora {
        Objects.requireNonNull(source, "source");
    }

    public static Lora of(String source, double scale) {
        return new Lora(source, scale);
    }
}
