package com.maskfill.engine.remote.fal;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineSetting;
import com.maskfill.engine.api.engine.Price;
import com.maskfill.engine.remote.EnvironmentCredentials;
import java.util.List;

/**
 * The two FLUX.1 Fill endpoints on fal's queue (hosted-apis-more.md §2). Two engine ids rather than one with a
 * model setting: the side panel takes its ranges from the provider before any engine exists, and the endpoints
 * differ in what they take (LoRAs, steps and guidance on [dev]; a moderation tolerance and no safety switch on
 * [pro]).
 */
enum FalModel {
    /** {@code fal-ai/flux-lora-fill}: FLUX.1 Fill [dev] with any number of LoRAs (Maskfill sends up to 3). */
    DEV("fal", "fal FLUX.1 Fill [dev] (LoRA)", "fal-ai/flux-lora-fill", "fal-ai/flux-lora-fill"),
    /**
     * {@code fal-ai/flux-pro/v1/fill}: FLUX.1 Fill [pro]. It takes no steps or guidance (the side panel's values
     * are not sent), 1–4 images, and moderation that is always on.
     */
    PRO("fal-pro", "fal FLUX.1 Fill [pro]", "fal-ai/flux-pro/v1/fill", "fal-ai/flux-pro");

    /**
     * Fill [pro]'s documented price [Fpro]: per megapixel of each output, rounded up to whole megapixels. The
     * flux-lora-fill price is not documented (only a related endpoint's), so [dev]'s stays unknown.
     */
    static final Price PRO_PRICE = Price.perMegapixel("0.05", "USD", true,
            "fal.ai/models/fal-ai/flux-pro/v1/fill/llms.txt, as stored Aug–Oct 2026 (hosted-apis-more.md §2)");

    static final String DOCUMENTED_QUEUE = "https://queue.fal.run";
    static final String DOCUMENTED_STORAGE = "https://rest.fal.ai";

    static final EngineSetting SAFETY_TOLERANCE = new EngineSetting("safety-tolerance", "Safety tolerance",
            EngineSetting.Kind.CHOICE, List.of("2", "1", "3", "4", "5", "6"),
            "The moderation of FLUX.1 Fill [pro]: 1 is the strictest, 6 the most lenient");

    private final String id;
    private final String displayName;
    private final String path;
    private final String appPath;

    FalModel(String id, String displayName, String path, String appPath) {
        this.id = id;
        this.displayName = displayName;
        this.path = path;
        this.appPath = appPath;
    }

    String id() {
        return id;
    }

    String displayName() {
        return displayName;
    }

    /** Where submissions go. */
    String path() {
        return path;
    }

    /** Owner and alias only: status, result and cancel paths drop the subpath ({@code /v1/fill}) [Fq, FJS]. */
    String appPath() {
        return appPath;
    }

    Capabilities capabilities() {
        Capabilities.Builder builder = Capabilities.builder()
                // White regenerates, black keeps: these models take no grey levels (the paste-back keeps them).
                .binaryMask(true)
                .workingPixels(1024 * 1024) // FLUX works at about one megapixel
                .sideRange(256, 2048)
                .sizeMultiple(16)
                .maxImages(4)
                .cancellable(true)
                .reportsSteps(false)
                .credential(EnvironmentCredentials.FAL_KEY);
        return this == DEV
                ? builder.stepsRange(1, 50).maxLoras(3).safetyCheckerOptional(true).build()
                : builder.maxLoras(0).safetyCheckerOptional(false).setting(SAFETY_TOLERANCE).price(PRO_PRICE).build();
    }
}
