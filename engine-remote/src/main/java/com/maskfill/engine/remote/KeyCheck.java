package com.maskfill.engine.remote;

import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.HttpReply;
import com.maskfill.engine.remote.http.HttpStatusException;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteFailures;
import com.maskfill.engine.remote.http.RemoteHttp;
import com.maskfill.engine.remote.http.RetryPolicy;
import com.maskfill.engine.remote.http.Sleeper;
import com.maskfill.engine.remote.http.Timeouts;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * "Test connection" for hosted engines: one free call that needs the key (an account or model lookup, never a
 * submission), and its answer as one sentence. Failures go through the same {@link RemoteFailures} mapping as
 * jobs, so the key is redacted from every word shown.
 */
public final class KeyCheck {

    /** Short: the user is waiting in front of a dialog. */
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(20));
    /** One attempt: a test that retries for half a minute tells the user less than one that answers. */
    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** Reads the successful answer into the sentence shown; throws (e.g. a ProviderFailure) when it is a refusal. */
    @FunctionalInterface
    public interface Answer {
        String read(HttpReply reply, RemoteHttp http) throws IOException;
    }

    private final String provider;
    private final String refusedHint;
    private final Redactor redactor;

    /**
     * @param provider    the provider's name as users know it, e.g. "WaveSpeedAI"
     * @param refusedHint what to check when the key is refused, one sentence
     */
    public KeyCheck(String provider, String refusedHint, Redactor redactor) {
        this.provider = provider;
        this.refusedHint = refusedHint;
        this.redactor = redactor;
    }

    /** Sends {@code request} once (through {@code signer} when not null) and words the outcome. */
    public ConnectionCheck run(Request request, Interceptor signer, Answer answer) {
        OkHttpClient client = HttpClients.forApi(TIMEOUTS);
        if (signer != null) {
            client = client.newBuilder().addInterceptor(signer).build();
        }
        RemoteHttp http = new RemoteHttp(provider, client, ONCE, Sleeper.REAL, redactor);
        try {
            return ConnectionCheck.passed(redactor.redact(answer.read(http.sendRepeatable(request, new CallScope()), http)));
        } catch (IOException e) {
            return failed(new RemoteFailures(provider, refusedHint, redactor).toEngineException(e), e);
        } catch (RuntimeException e) {
            return ConnectionCheck.failed(new RemoteFailures(provider, refusedHint, redactor).unexpected(e).getMessage());
        }
    }

    private ConnectionCheck failed(EngineException mapped, IOException cause) {
        if (mapped.category() == Category.AUTHENTICATION) {
            String status = cause instanceof HttpStatusException s ? " (HTTP " + s.status() + ")" : "";
            return ConnectionCheck.failed(redactor.redact("The key was refused by " + provider + status + ". "
                    + refusedHint));
        }
        return ConnectionCheck.failed(mapped.getMessage());
    }
}
