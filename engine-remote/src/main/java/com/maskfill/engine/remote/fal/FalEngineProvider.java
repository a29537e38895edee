package com.maskfill.engine.remote.fal;

import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.HostedEngineProvider;
import com.maskfill.engine.remote.SettingChoices;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.PollSchedule;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.Timeouts;
import java.time.Duration;
import okhttp3.HttpUrl;

/** {@code fal}: {@code fal-ai/flux-lora-fill} (FLUX.1 Fill [dev] with LoRAs) on fal's queue. */
public class FalEngineProvider extends HostedEngineProvider {

    /** fal's guidance: poll the status about every second, backing off. */
    static final PollSchedule POLL = new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(3), 1.25,
            Duration.ofMinutes(10));

    private final FalModel model;

    public FalEngineProvider() {
        this(FalModel.DEV);
    }

    FalEngineProvider(FalModel model) {
        super(model.id(), model.displayName(), model.capabilities());
        this.model = model;
    }

    @Override
    public RemoteTuning defaultTuning() {
        return RemoteTuning.defaults(Timeouts.standard(), POLL);
    }

    /** A base URL override stands for both of fal's roots, the queue and the storage (a proxy or a fake serves both). */
    @Override
    public Engine create(EngineContext context, RemoteTuning tuning) throws EngineException {
        Secret key = context.credentials().require(EnvironmentCredentials.FAL_KEY, displayName());
        HttpUrl queue = Endpoints.forEngine(context, FalModel.DOCUMENTED_QUEUE, displayName());
        HttpUrl storage = Endpoints.forEngine(context, FalModel.DOCUMENTED_STORAGE, displayName());
        String tolerance = model == FalModel.PRO
                ? SettingChoices.read(context, FalModel.SAFETY_TOLERANCE, displayName()) : null;
        return new FalEngine(model, queue, storage, key, tolerance, tuning);
    }
}
