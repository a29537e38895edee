package com.maskfill.engine.remote.replicate;

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

/** {@code replicate}: {@code black-forest-labs/flux-fill-dev} on Replicate, with its LoRA input. */
public class ReplicateEngineProvider extends HostedEngineProvider {

    /** Replicate's guidance: poll every 1–2 s. */
    static final PollSchedule POLL = new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.25,
            Duration.ofMinutes(10));

    private final ReplicateModel model;

    public ReplicateEngineProvider() {
        this(ReplicateModel.DEV);
    }

    ReplicateEngineProvider(ReplicateModel model) {
        super(model.id(), model.displayName(), model.capabilities());
        this.model = model;
    }

    @Override
    public RemoteTuning defaultTuning() {
        return RemoteTuning.defaults(Timeouts.standard(), POLL);
    }

    @Override
    public Engine create(EngineContext context, RemoteTuning tuning) throws EngineException {
        Secret token = context.credentials().require(EnvironmentCredentials.REPLICATE_API_TOKEN, displayName());
        HttpUrl root = Endpoints.forEngine(context, ReplicateModel.DOCUMENTED_ROOT, displayName());
        int tolerance = model == ReplicateModel.PRO
                ? Integer.parseInt(SettingChoices.read(context, ReplicateModel.SAFETY_TOLERANCE, displayName())) : 2;
        return new ReplicateEngine(model, root, token, tolerance, tuning);
    }
}
