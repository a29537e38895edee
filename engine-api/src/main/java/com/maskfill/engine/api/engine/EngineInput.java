package com.maskfill.engine.api.engine;

import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * What an engine receives from the pipeline: the context crop already scaled to the working size (both
 * sides within the engine's {@link Capabilities#sideRange()} and multiples of its size multiple), the mask
 * cropped and scaled the same way, and the settings with the seed already chosen.
 */
public record EngineInput(BufferedImage image, Mask mask, String prompt, int steps, double guidance, long seed,
                          int imageCount, List<Lora> loras, boolean safetyChecker) {

    public EngineInput {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(prompt, "prompt");
        loras = List.copyOf(loras);
        mask.sizeMismatch(image).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }

    @Override
    public String toString() {
        return "EngineInput[" + width() + "×" + height() + ", prompt=\"" + prompt + "\", steps=" + steps
                + ", guidance=" + guidance + ", seed=" + seed + ", images=" + imageCount + ", loras=" + loras
                + ", safetyChecker=" + safetyChecker + "]";
    }
}
