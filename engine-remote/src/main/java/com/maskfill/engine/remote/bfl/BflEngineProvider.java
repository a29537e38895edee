package com.maskfill.engine.remote.bfl;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.Price;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.HostedEngineProvider;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.PollSchedule;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.Timeouts;
import java.time.Duration;
import okhttp3.HttpUrl;

/** {@code bfl}: Black Forest Labs' FLUX.1 Fill [pro], {@code POST /v1/flux-pro-1.0-fill}. */
public final class BflEngineProvider extends HostedEngineProvider {

    /** FLUX.1 Fill [pro]: 5 credits (1 credit = 0.01 USD) per image [Bprice]. */
    static final Price PRICE = Price.perImage("0.05", "USD",
            "docs.bfl.ml/quick_start/pricing, as stored Aug–Oct 2026 (hosted-apis-more.md §1)");

    /**
     * Ranges from BFL's API reference [Bfill]: steps 15–50, guidance 1.5–100 (Fill [pro]'s own scale; its default
     * is 60, and BFL's guide uses 30), one image per job, no LoRAs, moderation always on (its strictness is the
     * safety-tolerance setting). The largest input is not documented; BFL's ComfyUI client stays within 2048 px.
     */
    static final Capabilities CAPABILITIES = withSettings(Capabilities.builder()
            // White regenerates, black keeps: these models take no grey levels (the paste-back keeps them).
            .binaryMask(true)
            .workingPixels(1024 * 1024) // FLUX works at about one megapixel
            .sideRange(256, 2048)
            .sizeMultiple(16)
            .stepsRange(15, 50)
            .guidanceRange(1.5, 100)
            .defaultGuidance(60) // the API's own default [Bfill], not the dev model's 30
            .maxImages(1)
            .maxLoras(0)
            .cancellable(false)
            .reportsSteps(false)
            .safetyCheckerOptional(false)
            .credential(EnvironmentCredentials.BFL_API_KEY)).price(PRICE).build();

    /** BFL's own client polls every second; the output link lives ten minutes, so the wait never grows long. */
    static final PollSchedule POLL = new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(3), 1.25,
            Duration.ofMinutes(10));

    public BflEngineProvider() {
        super(BflEngine.ENGINE_ID, "Black Forest Labs FLUX.1 Fill [pro]", CAPABILITIES);
    }

    private static Capabilities.Builder withSettings(Capabilities.Builder builder) {
        BflOptions.SETTINGS.forEach(builder::setting);
        return builder;
    }

    @Override
    public RemoteTuning defaultTuning() {
        return RemoteTuning.defaults(Timeouts.standard(), POLL);
    }

    /** The base URL override wins over the region setting: it replaces the whole root. */
    @Override
    public Engine create(EngineContext context, RemoteTuning tuning) throws EngineException {
        Secret key = context.credentials().require(EnvironmentCredentials.BFL_API_KEY, displayName());
        BflOptions options = BflOptions.from(context, displayName());
        HttpUrl root = Endpoints.forEngine(context, options.root(), displayName());
        return new BflEngine(root, key, options, tuning);
    }
}
