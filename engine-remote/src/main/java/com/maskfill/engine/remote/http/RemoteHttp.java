package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.Redactor;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one engine's requests. Two doors on purpose: {@link #sendOnce} for job submissions, which reach the
 * network at most once (a repeat could start and bill a second job; see {@link SubmitOnce}), and
 * {@link #sendRepeatable} for uploads, polls, downloads and cancels, which follow the {@link RetryPolicy}.
 */
public final class RemoteHttp {

    /** Reads a successful response; throw {@link MalformedResponseException} for content that is not usable. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(String what, Response response) throws IOException;
    }

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final long MAX_API_BODY_BYTES = 8L * 1024 * 1024;
    private static final long MAX_ERROR_BODY_BYTES = 64L * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String provider;
    private final OkHttpClient client;
    private final OkHttpClient submitClient;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Redactor redactor;
    private final Clock clock;

    public RemoteHttp(String provider, OkHttpClient client, RetryPolicy retry, Sleeper sleeper, Redactor redactor) {
        this(provider, client, retry, sleeper, redactor, Clock.systemUTC());
    }

    RemoteHttp(String provider, OkHttpClient client, RetryPolicy retry, Sleeper sleeper, Redactor redactor, Clock clock) {
        this(provider, client, SubmitOnce.client(client), retry, sleeper, redactor, clock);
    }

    private RemoteHttp(String provider, OkHttpClient client, OkHttpClient submitClient, RetryPolicy retry,
                       Sleeper sleeper, Redactor redactor, Clock clock) {
        this.provider = provider;
        this.client = client;
        this.submitClient = submitClient;
        this.retry = retry;
        this.sleeper = sleeper;
        this.redactor = redactor;
        this.clock = clock;
    }

    public String provider() {
        return provider;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** The same connections and credentials with another retry policy (e.g. with patience after a submission). */
    public RemoteHttp withRetry(RetryPolicy newRetry) {
        return new RemoteHttp(provider, client, submitClient, newRetry, sleeper, redactor, clock);
    }

    /**
     * For a job submission: one attempt, whatever happens, also inside OkHttp.
     *
     * @throws SubmitUnconfirmedException when the request went out and no answer came back: the provider may
     *                                    have accepted it
     */
    public HttpReply sendOnce(Request request, CallScope scope) throws IOException {
        SubmitOnce.Attempt attempt = new SubmitOnce.Attempt();
        try {
            return exchange(submitClient, SubmitOnce.tagged(request, attempt), scope, RemoteHttp::readApiBody);
        } catch (HttpStatusException | CallCancelledException | MalformedResponseException e) {
            throw e;
        } catch (IOException e) {
            if (attempt.sent()) {
                throw new SubmitUnconfirmedException(provider + " " + request.method() + " "
                        + request.url().encodedPath(), e);
            }
            throw e;
        }
    }

    public HttpReply sendRepeatable(Request request, CallScope scope) throws IOException {
        return sendRepeatable(request, scope, RemoteHttp::readApiBody);
    }

    public <T> T sendRepeatable(Request request, CallScope scope, BodyReader<T> reader) throws IOException {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            scope.throwIfCancelled();
            Optional<Duration> pause;
            try {
                return exchange(client, request, scope, reader);
            } catch (HttpStatusException e) {
                if (!retry.retriesStatus(e.status()) || !retry.mayRetry(attempt, waited)) {
                    throw e;
                }
                pause = retry.delayBefore(attempt + 1, e.retryAfter());
                if (pause.isEmpty()) {
                    throw e;
                }
            } catch (CallCancelledException | MalformedResponseException | ProviderFailure e) {
                throw e;
            } catch (IOException networkFailure) {
                if (!retry.mayRetry(attempt, waited)) {
                    throw networkFailure;
                }
                pause = retry.delayBefore(attempt + 1, Optional.empty());
            }
            sleeper.sleep(pause.get(), scope);
            waited = waited.plus(pause.get());
        }
    }

    /** The call stays abortable by the scope until {@code reader} has read the body. */
    private <T> T exchange(OkHttpClient via, Request request, CallScope scope, BodyReader<T> reader) throws IOException {
        String what = provider + " " + request.method() + " " + request.url().encodedPath();
        return scope.execute(via.newCall(request), response -> {
            if (!response.isSuccessful()) {
                byte[] body = readBounded(what, response.body(), MAX_ERROR_BODY_BYTES, false);
                Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), clock).orElse(null);
                throw new HttpStatusException(what, response.code(), redactor.excerpt(body),
                        redactor.redact(new String(body, StandardCharsets.UTF_8)), retryAfter);
            }
            return reader.read(what, response);
        });
    }

    private static HttpReply readApiBody(String what, Response response) throws IOException {
        MediaType type = response.body().contentType();
        byte[] body = readBounded(what, response.body(), MAX_API_BODY_BYTES, true);
        return new HttpReply(what, response.code(), body, type == null ? "" : type.toString());
    }

    /**
     * Reads at most {@code limit} bytes. When {@code strict}, a larger body (announced or actual) is an error;
     * otherwise it is cut (used for error bodies, where an excerpt is all that is needed).
     */
    public static byte[] readBounded(String what, ResponseBody body, long limit, boolean strict) throws IOException {
        long announced = body.contentLength();
        if (strict && announced > limit) {
            throw new MalformedResponseException(what + " announced " + announced + " bytes; the limit is " + limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(announced > 0 ? (int) Math.min(announced, limit) : 8192);
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = body.byteStream()) {
            long total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    if (strict) {
                        throw new MalformedResponseException(what + " sent more than " + limit + " bytes");
                    }
                    out.write(buffer, 0, (int) (n - (total - limit)));
                    break;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    /** Parses a reply's JSON; a parse failure names the call and carries no raw body beyond a redacted excerpt. */
    public <T> T json(HttpReply reply, Class<T> type) throws MalformedResponseException {
        try {
            T value = MAPPER.readValue(reply.body(), type);
            if (value == null) {
                throw new MalformedResponseException(reply.what() + " returned an empty JSON document");
            }
            return value;
        } catch (JacksonException e) {
            throw new MalformedResponseException(reply.what() + " returned malformed JSON: "
                    + redactor.excerpt(reply.body()));
        } catch (IOException e) {
            throw new MalformedResponseException(reply.what() + " returned unreadable JSON", e);
        }
    }

    /** JSON text of a value, for frames and other non-HTTP uses. */
    public static String toJsonText(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T fromJsonText(String text, Class<T> type) throws MalformedResponseException {
        try {
            return MAPPER.readValue(text, type);
        } catch (JacksonException e) {
            throw new MalformedResponseException("malformed JSON frame (" + text.length() + " characters)");
        }
    }

    public static RequestBody jsonBody(Object value) {
        return RequestBody.create(toJsonText(value), JSON_TYPE);
    }
}
