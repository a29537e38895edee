package com.maskfill.engine.remote.oneminai;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.HostedEngineProvider;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.Timeouts;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;

/** {@code oneminai}: 1min.ai's {@code IMAGE_INPAINTER} with {@code black-forest-labs/flux-fill-dev}. */
public final class OneMinAiEngineProvider extends HostedEngineProvider {

    /**
     * Ranges from the 1min.ai page (seed 003): guidance 0–50, seed 0–4 294 967 295, one image, no LoRAs. Sides
     * up to 1024: the provider returns about one megapixel whatever it gets, so a larger crop would come back
     * upscaled and soft; the crop planner scales the context to what comes back.
     */
    static final Capabilities CAPABILITIES = Capabilities.builder()
            .sideRange(256, 1024)
            // FLUX Fill was trained on black-and-white masks and diffusers binarises at half: send every painted
            // pixel as white and let the paste-back apply the grey levels as strengths, once.
            .binaryMask(true)
            .workingPixels(1024 * 1024) // FLUX works at about one megapixel
            .sizeMultiple(16)
            .stepsRange(1, 50)
            .guidanceRange(0, 50)
            .maxSeed(4_294_967_295L)
            .maxImages(1)
            .maxLoras(0)
            .cancellable(false)
            .reportsSteps(false)
            .safetyCheckerOptional(true)
            .credential(EnvironmentCredentials.ONEMIN_API_KEY)
            // No price: 1min.ai bills in credits and documents no price for this feature (hosted-apis.md §3.5).
            .build();

    public OneMinAiEngineProvider() {
        super("oneminai", "1min.ai FLUX.1 Fill [dev]", CAPABILITIES);
    }

    /**
     * The features call blocks for the whole generation, so its read timeout is the job timeout (community
     * clients use 120–300 s). There is nothing to poll, so no poll schedule.
     */
    @Override
    public RemoteTuning defaultTuning() {
        return RemoteTuning.defaults(Timeouts.standard().withRead(Duration.ofMinutes(5)), null);
    }

    @Override
    public Engine create(EngineContext context, RemoteTuning tuning) throws EngineException {
        Secret key = context.credentials().require(EnvironmentCredentials.ONEMIN_API_KEY, displayName());
        HttpUrl root = Endpoints.forEngine(context, OneMinAiApi.DOCUMENTED_ROOT, displayName());
        return new OneMinAiEngine(root, key, tuning);
    }

    /** 1min.ai's site, where the account's API keys are made (no deeper page is documented). */
    @Override
    public Optional<URI> keyPage() {
        return Optional.of(URI.create("https://1min.ai"));
    }

    /** 1min.ai documents no account or balance call (hosted-apis.md §3), so nothing is sent. */
    @Override
    public ConnectionCheck testConnection(EngineContext context) {
        return ConnectionCheck.notAvailable("1min.ai offers no free way to check a key: the first job shows "
                + "whether it works.");
    }
}
