package com.maskfill.engine.remote.wavespeed;

import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.HostedEngineProvider;
import com.maskfill.engine.remote.KeyCheck;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.PollSchedule;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.Timeouts;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
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

    /** The dashboard page where keys are made (wavespeed.ai/docs/rest-api). */
    @Override
    public Optional<URI> keyPage() {
        return Optional.of(URI.create("https://wavespeed.ai/accesskey"));
    }

    /** Reads the account balance (wavespeed.ai/docs/check-balance): free, and it needs a working key. */
    @Override
    public ConnectionCheck testConnection(EngineContext context) {
        try {
            Optional<Secret> key = context.credentials().optional(EnvironmentCredentials.WAVESPEED_API_KEY, displayName());
            if (key.isEmpty()) {
                return ConnectionCheck.failed("There is no key to test yet: enter your WaveSpeedAI API key.");
            }
            HttpUrl root = Endpoints.forEngine(context, WaveSpeedModel.DOCUMENTED_ROOT, displayName());
            // WaveSpeed's own advice: a key made before the first top-up is refused until then.
            KeyCheck check = new KeyCheck("WaveSpeedAI", "Check that it was copied whole; a new WaveSpeedAI key "
                    + "works only after the account's first top-up.", Redactor.of(key.get()));
            return check.run(new WaveSpeedApi(model, root, key.get()).balance(), null, (reply, http) -> {
                WaveSpeedResponses.Balance balance = http.json(reply, WaveSpeedResponses.BalanceEnvelope.class).data();
                if (balance == null || balance.balance() == null) {
                    return "Connected: WaveSpeedAI accepted the key.";
                }
                String currency = balance.currency() == null ? "USD" : balance.currency();
                return String.format(Locale.ROOT, "Connected: WaveSpeedAI accepted the key; the balance is %.2f %s.",
                        balance.balance(), currency) + (balance.balance() <= 0 ? " Top up before the first job." : "");
            });
        } catch (EngineException e) {
            return ConnectionCheck.failed(e.getMessage());
        }
    }
}
