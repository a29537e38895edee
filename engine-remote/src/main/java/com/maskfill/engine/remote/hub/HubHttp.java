package com.maskfill.engine.remote.hub;

import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.http.CallCancelledException;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RetryAfter;
import com.maskfill.engine.remote.http.RetryPolicy;
import com.maskfill.engine.remote.http.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * GET and HEAD requests to the Hub. Redirects are followed here, not by OkHttp, because the token must reach only
 * the Hub's own origin: the file host a resolve URL redirects to (a CDN with a signed URL) gets no
 * {@code Authorization} header, as huggingface_hub does. Every hop must be https (or http to this machine).
 * Statuses that mean "later" are retried under the shared {@link RetryPolicy}: these requests are all idempotent.
 */
final class HubHttp {

    private static final int MAX_REDIRECTS = 10;

    /** Reads a response of any status; the response is closed afterwards. */
    @FunctionalInterface
    interface Handler<T> {
        T handle(Response response, HttpUrl finalUrl) throws IOException, EngineException;
    }

    private final OkHttpClient client;
    private final HttpUrl endpoint;
    private final Optional<Secret> token;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Redactor redactor;

    HubHttp(OkHttpClient client, HttpUrl endpoint, Optional<Secret> token, RetryPolicy retry, Sleeper sleeper) {
        this.client = client;
        this.endpoint = endpoint;
        this.token = token;
        this.retry = retry;
        this.sleeper = sleeper;
        this.redactor = token.map(Redactor::of).orElseGet(Redactor::of);
    }

    HttpUrl endpoint() {
        return endpoint;
    }

    boolean hasToken() {
        return token.isPresent();
    }

    Redactor redactor() {
        return redactor;
    }

    /**
     * One request (following redirects), retried while the Hub answers 408, 429 or 5xx; any other status goes to
     * {@code handler}. Network failures are the caller's to retry: a body half-read needs the caller's bookkeeping.
     */
    <T> T send(String method, HttpUrl url, Map<String, String> headers, boolean followRedirects, CallScope scope,
               Handler<T> handler) throws IOException, EngineException {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            scope.throwIfCancelled();
            Retry<T> later = exchange(method, url, headers, followRedirects, scope, handler);
            if (later.result != null || later.status == 0) {
                return later.result;
            }
            Optional<Duration> pause = retry.mayRetry(attempt, waited)
                    ? retry.delayBefore(attempt + 1, later.retryAfter) : Optional.empty();
            if (pause.isEmpty()) {
                throw HubFailures.busy(later.status, url);
            }
            sleeper.sleep(pause.get(), scope);
            waited = waited.plus(pause.get());
        }
    }

    private record Retry<T>(T result, int status, Optional<Duration> retryAfter) {
    }

    @SuppressWarnings("unchecked")
    private <T> Retry<T> exchange(String method, HttpUrl start, Map<String, String> headers, boolean followRedirects,
                                  CallScope scope, Handler<T> handler) throws IOException, EngineException {
        HttpUrl url = start;
        for (int hop = 0; ; hop++) {
            Request.Builder request = new Request.Builder().url(url).method(method, null)
                    .header("User-Agent", "maskfill");
            headers.forEach(request::header);
            if (token.isPresent() && Endpoints.sameOrigin(url, endpoint)) {
                request.header("Authorization", "Bearer " + token.get().reveal());
            }
            final HttpUrl current = url;
            Object outcome = scope.execute(client.newCall(request.build()), response -> {
                String location = response.header("Location");
                if (followRedirects && response.isRedirect() && location != null) {
                    HttpUrl next = current.resolve(location);
                    if (next == null) {
                        throw new IOException("the Hub redirected to an unreadable address");
                    }
                    try {
                        return Endpoints.requireSecure(next, "The file host");
                    } catch (IllegalArgumentException e) {
                        throw new IOException(e.getMessage());
                    }
                }
                if (retry.retriesStatus(response.code())) {
                    return new Retry<T>(null, response.code(),
                            RetryAfter.parse(response.header("Retry-After"), Clock.systemUTC()));
                }
                try {
                    return new Retry<>(handler.handle(response, current), 0, Optional.empty());
                } catch (EngineException e) {
                    return e;
                }
            });
            if (outcome instanceof EngineException e) {
                throw e;
            }
            if (outcome instanceof Retry<?> r) {
                return (Retry<T>) r;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new IOException("the Hub redirected more than " + MAX_REDIRECTS + " times");
            }
            url = (HttpUrl) outcome;
        }
    }

    static EngineException cancelled(CallCancelledException e) {
        return EngineException.cancelled();
    }
}
