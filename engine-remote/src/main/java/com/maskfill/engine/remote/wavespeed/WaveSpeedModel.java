package com.maskfill.engine.remote.wavespeed;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Price;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.remote.EnvironmentCredentials;

/**
 * The two WaveSpeedAI FLUX.1 Fill [dev] endpoints. They share the protocol and differ in slug, API version
 * and limits (hosted-apis.md §2.3–2.4): v3 takes sides 256–1536, seeds up to 2^31−1 and 3 LoRAs; the legacy
 * v2 takes sides 512–1536, seeds up to 9 999 999 999 and 5 LoRAs.
 */
enum WaveSpeedModel {
    V3("wavespeed", "WaveSpeedAI FLUX.1 Fill [dev]", "api/v3", "wavespeed-ai/flux-fill-dev", 256, 2_147_483_647L, 3),
    V2("wavespeed-v2", "WaveSpeedAI FLUX.1 Fill [dev] (legacy v2)", "api/v2", "wavespeed-ai/flux-dev-fill", 512,
            9_999_999_999L, 5);

    static final String DOCUMENTED_ROOT = "https://api.wavespeed.ai";
    static final int MAX_SIDE = 1536;
    /**
     * v3's documented price [S0]; the v2 page states none, so v2's stays unknown rather than borrowed. WaveSpeed
     * scales the charge with num_images, so it is per image.
     */
    static final Price V3_PRICE = Price.perImage("0.035", "USD",
            "wavespeed.ai/models/wavespeed-ai/flux-fill-dev, as stored Aug–Oct 2026 (hosted-apis.md §2.8)");

    private final String id;
    private final String displayName;
    private final String apiVersion;
    private final String slug;
    private final int minSide;
    private final long maxSeed;
    private final int maxLoras;

    WaveSpeedModel(String id, String displayName, String apiVersion, String slug, int minSide, long maxSeed, int maxLoras) {
        this.id = id;
        this.displayName = displayName;
        this.apiVersion = apiVersion;
        this.slug = slug;
        this.minSide = minSide;
        this.maxSeed = maxSeed;
        this.maxLoras = maxLoras;
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

    String submitPath() {
        return apiVersion + "/" + slug;
    }

    String predictionsPath() {
        return apiVersion + "/predictions";
    }

    String uploadPath() {
        return apiVersion + "/media/upload/binary";
    }

    /** The two-step upload of the current SDKs; documented for v3 only, so v2 keeps the one-shot upload. */
    String uploadTicketPath() {
        return this == V3 ? "api/v3/media/uploads" : null;
    }

    /** Only the v3 delete is documented; predictions of both versions live in the same store. */
    String deletePath() {
        return "api/v3/predictions";
    }

    Capabilities capabilities() {
        Capabilities.Builder builder = Capabilities.builder()
                .sideRange(minSide, MAX_SIDE)
                // FLUX Fill was trained on black-and-white masks and diffusers binarises at half: send every painted
                // pixel as white and let the paste-back apply the grey levels as strengths, once.
                .binaryMask(true)
                .workingPixels(1024 * 1024) // FLUX works at about one megapixel
                .sizeMultiple(16)
                .stepsRange(1, 50)
                .guidanceRange(28, 35)
                .maxSeed(Math.min(maxSeed, FillRequest.MAX_SEED))
                .maxImages(4)
                .maxLoras(maxLoras)
                .cancellable(true)
                .reportsSteps(false)
                .safetyCheckerOptional(true)
                .credential(EnvironmentCredentials.WAVESPEED_API_KEY);
        return this == V3 ? builder.price(V3_PRICE).build() : builder.build();
    }
}
