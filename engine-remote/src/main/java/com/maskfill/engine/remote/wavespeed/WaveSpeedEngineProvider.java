package com.maskfill.engine.remote.wavespeed;

import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.HostedEngineProvider;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.PollSchedule;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.Timeouts;
import java.time.Duration;
import okhttp3.HttpUrl;

/** {@code wavespeed}: WaveSpeedAI's v3 {@code wavespeed-ai/flux-fill-dev}. */
public class WaveSpeedEngineProvider extends HostedEngineProvider {

    /** The docs ask for at least 2 s between checks, growing; the average job takes about 23 s. */
    static final PollSchedule POLL = new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(5), 1.5,
            Duration.ofMinutes(10));

    private final WaveSpeedModel model;

    public WaveSpeedEngineProvider() {
        this(WaveSpeedModel.V3);
    }

    WaveSpeedEngineProvider(WaveSpeedModel model) {
        super(model.id(), model.displayName(), model.capabilities());
        this.model = model;
    }

    @Override
    public RemoteTuning defaultTuning() {
        return RemoteTuning.defaults(Timeouts.standard(), POLL);
    }

    @Override
    public Engine create(EngineContext context, RemoteTuning tuning) throws EngineException {
        Secret key = context.credentials().require(EnvironmentCredentials.WAVESPEED_API_KEY, displayName());
        HttpUrl root = Endpoints.forEngine(context, WaveSpeedModel.DOCUMENTED_ROOT, displayName());
        return new WaveSpeedEngine(model, root, key, tuning);
    }
}
