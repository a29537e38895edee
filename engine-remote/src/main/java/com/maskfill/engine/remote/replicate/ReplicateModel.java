package com.maskfill.engine.remote.replicate;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineSetting;
import com.maskfill.engine.remote.EnvironmentCredentials;
import java.util.List;

/**
 * The two FLUX.1 Fill models Black Forest Labs publishes on Replicate (hosted-apis-more.md §3). Two engine ids
 * rather than one with a model setting: the side panel takes its ranges from the provider before any engine
 * exists, and the models differ in nearly every range (images, LoRAs, sizes, the safety switch).
 */
enum ReplicateModel {
    /**
     * {@code flux-fill-dev}: sides snapped to multiples of 32 and scaled to fit 1440×1440, so crops are planned
     * that way and nothing is rounded; steps 1–50, guidance 0–100, 1–4 outputs, one LoRA.
     */
    DEV("replicate", "Replicate FLUX.1 Fill [dev]", "black-forest-labs/flux-fill-dev"),
    /**
     * {@code flux-fill-pro}: BFL's Fill [pro] behind Replicate. Its published ranges disagree (guidance 2–5 on the
     * model page, BFL's 1.5–100 on a copy of it; steps 1–50 or 15–50), so the widest reading is offered and a value
     * the live model refuses comes back as a 422 naming the field. One output, moderation always on.
     */
    PRO("replicate-pro", "Replicate FLUX.1 Fill [pro]", "black-forest-labs/flux-fill-pro");

    static final String DOCUMENTED_ROOT = "https://api.replicate.com";

    static final EngineSetting SAFETY_TOLERANCE = new EngineSetting("safety-tolerance", "Safety tolerance",
            EngineSetting.Kind.CHOICE, List.of("2", "1", "3", "4", "5", "6"),
            "The moderation of FLUX.1 Fill [pro]: 1 is the strictest, 6 the most lenient");

    private final String id;
    private final String displayName;
    private final String slug;

    ReplicateModel(String id, String displayName, String slug) {
        this.id = id;
        this.displayName = displayName;
        this.slug = slug;
    }

    String id() {
        return id;
    }

    String displayName() {
        return displayName;
    }

    String slug() {
        return slug;
    }

    String predictionsPath() {
        return "v1/models/" + slug + "/predictions";
    }

    Capabilities capabilities() {
        Capabilities.Builder builder = Capabilities.builder()
                // White regenerates, black keeps: these models take no grey levels (the paste-back keeps them).
                .binaryMask(true)
                .workingPixels(1024 * 1024) // FLUX works at about one megapixel
                .stepsRange(1, 50)
                .cancellable(true)
                .credential(EnvironmentCredentials.REPLICATE_API_TOKEN);
        // No price: neither model's price on replicate.com could be confirmed (hosted-apis-more.md §3), so unknown.
        if (this == DEV) {
            return builder.sideRange(256, 1440).sizeMultiple(32).guidanceRange(0, 100).maxImages(4).maxLoras(1)
                    .reportsSteps(true).safetyCheckerOptional(true).build();
        }
        // Default guidance 3, the model page's: it fits both readings (2–5 and 1.5–100), where BFL's 60 would be a 422
        // under the first.
        return builder.sideRange(256, 2048).sizeMultiple(32).guidanceRange(1.5, 100).defaultGuidance(3).maxImages(1)
                .maxLoras(0)
                .reportsSteps(false).safetyCheckerOptional(false).setting(SAFETY_TOLERANCE).build();
    }
}
