package com.maskfill.engine.remote.wiro;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.Readiness;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.HostedEngineProvider;
import com.maskfill.engine.remote.KeyCheck;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.PollSchedule;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.Timeouts;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;

/** {@code wiro}: Wiro's {@code black-forest-labs/flux-1-fill-dev}. */
public final class WiroEngineProvider extends HostedEngineProvider {

    /** Engine option naming the task websocket, e.g. {@code ws://127.0.0.1:9000/socket} for a local fake. */
    public static final String SOCKET_OPTION = "socketUrl";

    /**
     * Wiro publishes no ranges for this model (they come from {@code /Tool/Detail} at run time), so the
     * request's own limits apply; there is no safety-checker switch and no LoRA input.
     */
    static final Capabilities CAPABILITIES = Capabilities.builder()
            .sideRange(256, 2048)
            // FLUX Fill was trained on black-and-white masks and diffusers binarises at half: send every painted
            // pixel as white and let the paste-back apply the grey levels as strengths, once.
            .binaryMask(true)
            .workingPixels(1024 * 1024) // FLUX works at about one megapixel
            .sizeMultiple(16)
            .maxImages(4)
            .maxLoras(0)
            .cancellable(true)
            .reportsSteps(true)
            .safetyCheckerOptional(false)
            .credential(EnvironmentCredentials.WIRO_API_KEY)
            .credential(EnvironmentCredentials.WIRO_API_SECRET)
            // No price: Wiro bills per second of GPU time and its only sample may not be a fill run (hosted-apis.md §4.7).
            .build();

    /** The docs' sample polls every 3 s; the official MCP client 2 s, then 5 s, then 10 s. */
    static final PollSchedule POLL = new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(10), 1.25,
            Duration.ofMinutes(10));

    public WiroEngineProvider() {
        super("wiro", "Wiro FLUX.1 Fill [dev]", CAPABILITIES);
    }

    @Override
    public RemoteTuning defaultTuning() {
        return RemoteTuning.defaults(Timeouts.standard(), POLL);
    }

    /**
     * Without {@code WIRO_API_SECRET} the engine signs nothing and sends only {@code x-api-key}, which is
     * what Wiro projects created as "API key only" expect.
     */
    @Override
    public Engine create(EngineContext context, RemoteTuning tuning) throws EngineException {
        Secret key = context.credentials().require(EnvironmentCredentials.WIRO_API_KEY, displayName());
        Optional<Secret> secret = context.credentials().optional(EnvironmentCredentials.WIRO_API_SECRET, displayName());
        HttpUrl root = Endpoints.forEngine(context, WiroApi.DOCUMENTED_ROOT, displayName());
        Redactor redactor = secret.map(s -> Redactor.of(key, s)).orElseGet(() -> Redactor.of(key));
        return new WiroEngine(root, socketUrl(context), new WiroSigner(key, secret.orElse(null)), redactor, tuning);
    }

    /**
     * The option when given; otherwise the documented socket, unless the API root was overridden — a task
     * token from another server means nothing to Wiro's socket, so such setups poll unless told where to listen.
     */
    private String socketUrl(EngineContext context) throws EngineException {
        Optional<String> option = context.option(SOCKET_OPTION).filter(s -> !s.isBlank());
        if (option.isEmpty()) {
            return context.endpoint().isPresent() ? null : WiroApi.DOCUMENTED_SOCKET;
        }
        String url = option.get().strip();
        HttpUrl asHttp = HttpUrl.parse(url.replaceFirst("^(?i)ws", "http"));
        if (asHttp == null || !url.toLowerCase(java.util.Locale.ROOT).startsWith("ws")) {
            throw new EngineException(Category.INVALID_INPUT, displayName() + ": " + SOCKET_OPTION + " '" + url
                    + "' is not a ws:// or wss:// URL");
        }
        try {
            Endpoints.requireSecure(asHttp, SOCKET_OPTION);
        } catch (IllegalArgumentException e) {
            throw new EngineException(Category.INVALID_INPUT, displayName() + ": " + e.getMessage());
        }
        return url;
    }

    /** The key is enough: the secret is only for projects created with signatures. */
    @Override
    public Readiness readiness(EngineContext context) {
        try {
            return context.credentials().find(EnvironmentCredentials.WIRO_API_KEY).isPresent() ? Readiness.READY
                    : Readiness.notSetUp("needs an API key (" + EnvironmentCredentials.WIRO_API_KEY + ")");
        } catch (IllegalArgumentException e) {
            return Readiness.notSetUp("the stored key " + EnvironmentCredentials.WIRO_API_KEY + " cannot be used");
        }
    }

    /** Wiro's site, where projects (each with its key and secret) are made. */
    @Override
    public Optional<URI> keyPage() {
        return Optional.of(URI.create("https://wiro.ai"));
    }

    /** Asks for the model's description, signed like a job: free, and refused (code 98/99 or 401) for a bad key. */
    @Override
    public ConnectionCheck testConnection(EngineContext context) {
        try {
            Optional<Secret> key = context.credentials().optional(EnvironmentCredentials.WIRO_API_KEY, displayName());
            if (key.isEmpty()) {
                return ConnectionCheck.failed("There is no key to test yet: enter your Wiro API key.");
            }
            Optional<Secret> secret = context.credentials().optional(EnvironmentCredentials.WIRO_API_SECRET, displayName());
            HttpUrl root = Endpoints.forEngine(context, WiroApi.DOCUMENTED_ROOT, displayName());
            Redactor redactor = secret.map(s -> Redactor.of(key.get(), s)).orElseGet(() -> Redactor.of(key.get()));
            KeyCheck check = new KeyCheck("Wiro", "Check the key, and the secret if the project was created with "
                    + "signatures.", redactor);
            return check.run(new WiroApi(root).toolDetail(), new WiroSigner(key.get(), secret.orElse(null)),
                    (reply, http) -> {
                        WiroResponses.ToolDetailResponse answer = http.json(reply, WiroResponses.ToolDetailResponse.class);
                        if (!Boolean.TRUE.equals(answer.result())) {
                            throw WiroResponses.failure("Wiro Tool/Detail", answer.errors());
                        }
                        return "Connected: Wiro accepted the key (it was asked about the model; nothing was run).";
                    });
        } catch (EngineException e) {
            return ConnectionCheck.failed(e.getMessage());
        }
    }
}
