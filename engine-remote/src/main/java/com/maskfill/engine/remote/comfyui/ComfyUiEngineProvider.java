package com.maskfill.engine.remote.comfyui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.DiscoveredChoices;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineSetting;
import com.maskfill.engine.api.engine.Price;
import com.maskfill.engine.api.engine.Readiness;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.HostedEngineProvider;
import com.maskfill.engine.remote.http.Endpoints;
import com.maskfill.engine.remote.http.PollSchedule;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RetryPolicy;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.Timeouts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/** {@code comfyui}: FLUX.1 Fill [dev] on the studio's own ComfyUI server. */
public final class ComfyUiEngineProvider extends HostedEngineProvider {

    /** Engine options: model files by name (empty: picked from what the server has). */
    public static final String UNET = "unet";
    public static final String CLIP_L = "clipL";
    public static final String T5 = "t5";
    public static final String VAE = "vae";
    /** A workflow of one's own, in API format, with {@code {{image}}}, {@code {{mask}}}, ... placeholders. */
    public static final String WORKFLOW = "workflow";
    /** More servers, comma-separated: each job goes to the one with the shortest queue. */
    public static final String SERVERS = EngineSetting.MORE_SERVERS;
    /** "true": plain http to a server that is not on this computer (a studio LAN box the user trusts). */
    public static final String TRUST_PLAIN_HTTP = EngineSetting.TRUST_PLAIN_HTTP;

    /**
     * No provider limits: the server's GPU memory is the limit, so the sides stay where FLUX.1 Fill works well
     * (about 0.1–4 megapixels); FluxGuidance takes 0–100.
     */
    static final Capabilities CAPABILITIES = Capabilities.builder()
            // Grey mask levels stay: DifferentialDiffusion reads them as per-pixel strength.
            .workingPixels(1024 * 1024) // FLUX works at about one megapixel
            .sideRange(256, 2048)
            .sizeMultiple(16)
            .guidanceRange(0, 100)
            .maxImages(4)
            .maxLoras(0)
            .cancellable(true)
            .reportsSteps(true)
            .safetyCheckerOptional(false)
            .credential(EnvironmentCredentials.COMFYUI_TOKEN)
            .price(Price.free("your own GPU")) // the studio's own server: no per-job charge
            .setting(new EngineSetting(UNET, "Fill model", EngineSetting.Kind.DISCOVERED, List.of(),
                    "A file in the server's models/diffusion_models; empty: one with \"fill\" in its name"))
            .setting(new EngineSetting(CLIP_L, "Text encoder (CLIP-L)", EngineSetting.Kind.DISCOVERED, List.of(),
                    "A file in the server's models/text_encoders; empty: clip_l"))
            .setting(new EngineSetting(T5, "Text encoder (T5-XXL)", EngineSetting.Kind.DISCOVERED, List.of(),
                    "A file in the server's models/text_encoders; empty: a t5xxl file, fp16 first"))
            .setting(new EngineSetting(VAE, "Autoencoder (VAE)", EngineSetting.Kind.DISCOVERED, List.of(),
                    "A file in the server's models/vae; empty: ae.safetensors"))
            .setting(new EngineSetting(SERVERS, "More servers", EngineSetting.Kind.TEXT, List.of(),
                    "Optional: more ComfyUI servers, comma-separated; each job goes to the shortest queue"))
            .setting(new EngineSetting(WORKFLOW, "Own workflow (API format)", EngineSetting.Kind.FILE, List.of(),
                    "Optional: a workflow exported with Export (API), using {{image}}, {{mask}}, {{prompt}}, "
                            + "{{seed}}, {{steps}} and {{guidance}} as input values"))
            .setting(new EngineSetting(TRUST_PLAIN_HTTP, "Plain http on the local network",
                    EngineSetting.Kind.CHOICE, List.of("false", "true"),
                    "true lets Maskfill talk plain http to a server on your network: anyone on that network can "
                            + "see the photos and prompts"))
            .build();

    /** A local GPU answers quickly; a busy shared one may queue a job for long. */
    static final PollSchedule POLL = new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(3), 1.2,
            Duration.ofMinutes(30));

    public ComfyUiEngineProvider() {
        super("comfyui", "ComfyUI server (FLUX.1 Fill [dev])", CAPABILITIES);
    }

    @Override
    public RemoteTuning defaultTuning() {
        return RemoteTuning.defaults(Timeouts.standard(), POLL);
    }

    /** Set up once it knows a server: the default address is only a guess that a server runs on this computer. */
    @Override
    public Readiness readiness(EngineContext context) {
        if (context.endpoint().isEmpty() && option(context, SERVERS) == null) {
            return Readiness.notSetUp("needs the address of your ComfyUI server");
        }
        try {
            create(context).close();
            return Readiness.READY;
        } catch (EngineException e) {
            return Readiness.notSetUp(e.getMessage());
        }
    }

    /** One look at each server's model files, at once: the user is waiting in front of the dialog. */
    @Override
    public ConnectionCheck testConnection(EngineContext context) {
        try (Engine engine = create(context, quick())) {
            return ((ComfyUiEngine) engine).check();
        } catch (EngineException e) {
            return ConnectionCheck.failed(e.getMessage());
        }
    }

    /** The model files the servers offer for the settings dialog's lists, with the engine's picks. */
    @Override
    public DiscoveredChoices discoverChoices(EngineContext context) {
        try (Engine engine = create(context, quick())) {
            return ((ComfyUiEngine) engine).discover();
        } catch (EngineException e) {
            return DiscoveredChoices.failed(e.getMessage());
        }
    }

    /** Without retries and with short timeouts: the user waits in front of the dialog. */
    private RemoteTuning quick() {
        return defaultTuning().withTimeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofSeconds(15))).withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO));
    }

    @Override
    public Engine create(EngineContext context, RemoteTuning tuning) throws EngineException {
        Optional<Secret> token = context.credentials().optional(EnvironmentCredentials.COMFYUI_TOKEN, displayName());
        boolean trusted = context.option(TRUST_PLAIN_HTTP).map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
        List<HttpUrl> roots = new ArrayList<>();
        Optional<String> more = Optional.ofNullable(option(context, SERVERS));
        if (context.endpoint().isPresent() || more.isEmpty()) {
            roots.add(root(context.endpoint().map(Object::toString).orElse(null), trusted));
        }
        for (String url : more.map(list -> list.split(",")).orElse(new String[0])) {
            HttpUrl root = url.isBlank() ? null : root(url, trusted);
            if (root != null && !roots.contains(root)) {
                roots.add(root);
            }
        }
        ComfyUiModels.Choice choice = new ComfyUiModels.Choice(option(context, UNET), option(context, CLIP_L),
                option(context, T5), option(context, VAE));
        Redactor redactor = token.map(Redactor::of).orElseGet(Redactor::of);
        return new ComfyUiEngine(roots, token.orElse(null), choice, workflow(context), redactor, tuning);
    }

    /** One server's URL under the endpoint rule, plain http widened only where the user trusts the network. */
    private HttpUrl root(String url, boolean trusted) throws EngineException {
        try {
            return Endpoints.root(url, ComfyUiApi.DOCUMENTED_ROOT, trusted);
        } catch (IllegalArgumentException e) {
            throw new EngineException(Category.INVALID_INPUT, displayName() + ": " + e.getMessage()
                    + (trusted ? "" : " (for a server on your own network, set " + TRUST_PLAIN_HTTP + "=true)"));
        }
    }

    private static String option(EngineContext context, String key) {
        return context.option(key).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** The user's workflow, checked now so a bad file is refused before anything is uploaded. */
    private ObjectNode workflow(EngineContext context) throws EngineException {
        String path = option(context, WORKFLOW);
        if (path == null) {
            return null;
        }
        try {
            return ComfyUiWorkflow.parseCustom(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EngineException(Category.INVALID_INPUT, displayName() + ": cannot read the workflow " + path
                    + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new EngineException(Category.INVALID_INPUT, displayName() + ": " + path + ": " + e.getMessage());
        }
    }
}
