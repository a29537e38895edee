package com.maskfill.app.jobs;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.pipeline.FillResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a job on the engine it names, through the pipeline every engine shares. The engine stays loaded for the
 * next job (a local engine's weights take minutes to read); it is closed when a job comes for another engine (only
 * one is kept: a local engine holds 12–48 GB that a hosted one must not sit beside) or with other settings, keys or
 * endpoint, when it broke, when memory ran out, and when the runner closes.
 */
public final class EngineJobRunner implements JobRunner {

    private static final System.Logger LOG = System.getLogger(EngineJobRunner.class.getName());

    /**
     * What an engine was created with; another value needs another engine.
     *
     * @param keys a digest of the engine's credentials, so a corrected key takes effect without the key being kept
     */
    private record Setup(Map<String, String> options, URI endpoint, String keys) {
    }

    private record Loaded(String id, Setup setup, Engine engine) {
    }

    private final CredentialSource credentials;
    private final FillPipeline pipeline = new FillPipeline();
    /** The engine kept from the last job, or null; jobs run one at a time, so it is never used by two. */
    private Loaded kept;

    public EngineJobRunner(CredentialSource credentials) {
        this.credentials = credentials;
    }

    /** What a job does with its engine: run the request, or fetch an earlier submission's results. */
    @FunctionalInterface
    private interface Use {
        FillResult on(Engine engine) throws EngineException;
    }

    @Override
    public FillResult run(JobSpec spec, ProgressListener progress, Cancellation cancellation) throws EngineException {
        return withEngine(spec, engine -> pipeline.run(engine, spec.request(), progress, cancellation));
    }

    @Override
    public FillResult resume(JobSpec spec, SubmittedJob job, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        return withEngine(spec, engine -> pipeline.resume(engine, spec.engine().id(), spec.request(), job, progress,
                cancellation));
    }

    private FillResult withEngine(JobSpec spec, Use use) throws EngineException {
        Engine engine = engineFor(spec);
        try {
            return use.on(engine);
        } catch (OutOfMemoryError e) {
            release(); // memory is short: let the engine go; the next job loads only what it needs
            throw e;
        } catch (RuntimeException e) {
            release(); // an engine that failed this way may be half-working: start the next job afresh
            throw unexpected(e, spec);
        } catch (Error e) {
            release();
            throw e;
        }
    }

    /**
     * A failure the engine did not put in words: a library's exception may quote the engine's key (OkHttp quotes
     * a header value it refuses), so its message is redacted before it reaches the queue, a log or the screen.
     */
    private EngineException unexpected(RuntimeException e, JobSpec spec) {
        Secret[] secrets = EngineProviders.find(spec.engine().id()).stream()
                .flatMap(provider -> provider.capabilities().credentialNames().stream())
                .flatMap(name -> credentials.find(name).stream())
                .toArray(Secret[]::new);
        Redactor redactor = Redactor.of(secrets);
        EngineException failure = new EngineException(EngineException.Category.PROVIDER_FAILED,
                "The job failed unexpectedly: " + e.getClass().getSimpleName(),
                redactor.redact(String.valueOf(e.getMessage())));
        failure.setStackTrace(e.getStackTrace()); // where it happened, without messages that may hold a key
        return failure;
    }

    private synchronized Engine engineFor(JobSpec spec) throws EngineException {
        String id = spec.engine().id();
        EngineProvider provider = EngineProviders.find(id).orElseThrow(() -> new EngineException(
                EngineException.Category.INVALID_INPUT, "The engine " + spec.engine().displayName()
                        + " is not installed any more."));
        Setup setup = setup(spec, provider);
        if (kept != null && kept.id().equals(id) && kept.setup().equals(setup)) {
            return kept.engine();
        }
        release();
        EngineContext.Builder context = EngineContext.builder().credentials(credentials).endpoint(setup.endpoint());
        setup.options().forEach(context::option);
        Engine engine = provider.create(context.build());
        kept = new Loaded(id, setup, engine);
        return engine;
    }

    private Setup setup(JobSpec spec, EngineProvider provider) {
        Map<String, String> options = new TreeMap<>();
        spec.engineOptions().forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                options.put(key, value.strip());
            }
        });
        String endpoint = spec.endpoint();
        URI uri = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip());
        return new Setup(Map.copyOf(options), uri, keysDigest(provider));
    }

    private String keysDigest(EngineProvider provider) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : provider.capabilities().credentialNames()) {
                digest.update((name + "=" + credentials.find(name).map(Secret::reveal).orElse("") + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private synchronized void release() {
        Loaded loaded = kept;
        kept = null;
        if (loaded != null) {
            try {
                loaded.engine().close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Closing the engine " + loaded.id() + " failed: " + e);
            }
        }
    }

    /** Closes the engine kept; the next job creates what it needs. */
    @Override
    public synchronized void close() {
        release();
    }
}
