package com.maskfill.engine.remote.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.DiscoveredChoices;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.RemoteImages;
import com.maskfill.engine.remote.RemoteJobSupport;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.HttpReply;
import com.maskfill.engine.remote.http.HttpStatusException;
import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.ProviderFailure;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.comfyui.ComfyUiWorkflow.Values;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * FLUX.1 Fill [dev] on a ComfyUI server: the crop and the mask are uploaded, one prompt per image is queued
 * (image i with seed + i, so each can be re-run alone), followed through {@code /queue} and {@code /history},
 * and the saved images fetched from {@code /view}. Cancel removes our pending prompts and interrupts the running
 * one only when it is ours — {@code /interrupt} stops whatever runs, whoever queued it.
 */
public final class ComfyUiEngine implements Engine {

    private static final String PROVIDER = "ComfyUI";

    /** The servers in the order the user listed them; jobs go to the one with the shortest queue. */
    private final List<ComfyUiApi> servers;
    /** Servers that stopped answering: skipped for later jobs of this engine. */
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private final RemoteJobSupport support;
    /** For the servers' websockets: no read timeout (a long step is silent), pings to keep proxies open. */
    private final OkHttpClient socketClient;
    private final ComfyUiModels.Choice choice;
    private final ObjectNode workflow;
    private final Redactor redactor;
    private final String clientId = UUID.randomUUID().toString();

    /**
     * @param token    a reverse proxy's bearer token, or {@code user:password} for basic auth; null for none
     * @param workflow the user's checked workflow, or null for the official one
     */
    ComfyUiEngine(List<HttpUrl> roots, Secret token, ComfyUiModels.Choice choice, ObjectNode workflow,
                  Redactor redactor, RemoteTuning tuning) {
        this.servers = roots.stream().map(ComfyUiApi::new).toList();
        OkHttpClient client = HttpClients.forApi(tuning.timeouts());
        if (token != null) {
            String header = authorization(token.reveal());
            client = client.newBuilder().addInterceptor(chain -> chain.proceed(
                    chain.request().newBuilder().header("Authorization", header).build())).build();
        }
        this.support = new RemoteJobSupport("comfyui", PROVIDER, "the proxy token in the engine settings ("
                + EnvironmentCredentials.COMFYUI_TOKEN + ")", client, redactor, tuning);
        this.socketClient = client.newBuilder().readTimeout(Duration.ZERO).pingInterval(Duration.ofSeconds(20))
                .build();
        this.choice = choice;
        this.workflow = workflow;
        this.redactor = redactor;
    }

    /**
     * Test connection: asks each server for its loaders' model files (nothing is queued) and says which it would
     * use, or what is wrong — a server that does not answer, or one without a fill model.
     */
    ConnectionCheck check() {
        List<String> found = new ArrayList<>();
        for (ComfyUiApi server : servers) {
            try {
                String uses = workflow != null ? "answers (your workflow names its own models)" : describe(
                        models(server, new CallScope()));
                found.add(key(server) + " " + uses);
            } catch (ProviderFailure e) {
                return ConnectionCheck.failed(redactor.redact(e.getMessage()));
            } catch (IOException | RuntimeException e) {
                return ConnectionCheck.failed(redactor.redact("Cannot reach the ComfyUI server " + key(server) + ": "
                        + e.getMessage()));
            }
        }
        return ConnectionCheck.passed("Connected: " + String.join("; ", found) + ".");
    }

    /**
     * The model files for the settings dialog: those every server offers (a job may go to any of them), the picks
     * the engine makes among them, and what is missing — nothing is queued.
     */
    DiscoveredChoices discover() {
        Map<String, List<String>> offered = new LinkedHashMap<>();
        for (ComfyUiApi server : servers) {
            try {
                CallScope scope = new CallScope();
                List<String> clips = ComfyUiModels.options(objectInfo(server, "DualCLIPLoader", scope),
                        "DualCLIPLoader", "clip_name1");
                Map<String, List<String>> here = new LinkedHashMap<>();
                here.put(ComfyUiEngineProvider.UNET, ComfyUiModels.options(objectInfo(server, "UNETLoader", scope),
                        "UNETLoader", "unet_name"));
                here.put(ComfyUiEngineProvider.CLIP_L, clips);
                here.put(ComfyUiEngineProvider.T5, clips);
                here.put(ComfyUiEngineProvider.VAE, ComfyUiModels.options(objectInfo(server, "VAELoader", scope),
                        "VAELoader", "vae_name"));
                here.forEach((key, names) -> offered.merge(key, names, (all, more) -> all.stream()
                        .filter(more::contains).toList()));
            } catch (ProviderFailure e) {
                return DiscoveredChoices.failed(redactor.redact(e.getMessage()));
            } catch (IOException | RuntimeException e) {
                return DiscoveredChoices.failed(redactor.redact("Cannot reach the ComfyUI server " + key(server)
                        + ": " + e.getMessage()));
            }
        }
        ComfyUiModels.Suggestion suggestion = ComfyUiModels.suggest(offered.get(ComfyUiEngineProvider.UNET),
                offered.get(ComfyUiEngineProvider.CLIP_L), offered.get(ComfyUiEngineProvider.VAE));
        String where = (servers.size() == 1 ? "the server " : "every one of the servers ")
                + String.join(", ", servers.stream().map(ComfyUiEngine::key).toList());
        String message = suggestion.lacking().isEmpty()
                ? "Model files found on " + where + "." + (workflow != null ? " Your workflow names its own." : "")
                : redactor.redact("On " + where + ": " + String.join("; ", suggestion.lacking()).replace(
                        "the server has", "there is"));
        return DiscoveredChoices.found(offered, suggestion.picks(), message, !suggestion.lacking().isEmpty()
                && workflow == null);
    }

    private static String describe(ComfyUiModels models) {
        return "uses " + models.unet() + ", " + models.clipL() + " + " + models.t5() + ", " + models.vae()
                + (models.differentialDiffusion() ? "" : " (no DifferentialDiffusion: grey mask levels only blend)");
    }

    /** {@code user:password} is basic auth (what a small nginx/caddy proxy uses); anything else a bearer token. */
    private static String authorization(String token) {
        return token.contains(":") ? "Basic " + Base64.getEncoder().encodeToString(
                token.getBytes(StandardCharsets.UTF_8)) : "Bearer " + token;
    }

    @Override
    public Capabilities capabilities() {
        return ComfyUiEngineProvider.CAPABILITIES;
    }

    @Override
    public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        return support.run(input, cancellation, scope -> {
            List<ComfyUiApi> placement = place(input.imageCount(), scope);
            byte[] image = RemoteImages.png(input.image());
            byte[] mask = RemoteImages.png(input.mask());
            List<ComfyUiApi> used = placement.stream().distinct().toList();
            long bytes = (image.length + (long) mask.length) * used.size();
            progress.onProgress(ProgressEvent.uploading(0, bytes));
            // Each server gets the crop and the mask once, and its own model files (servers may differ).
            Map<ComfyUiApi, Values> uploaded = new HashMap<>();
            Map<ComfyUiApi, ComfyUiModels> models = new HashMap<>();
            String name = "maskfill-" + UUID.randomUUID();
            for (ComfyUiApi server : used) {
                if (workflow == null) {
                    models.put(server, models(server, scope));
                }
                uploaded.put(server, new Values(upload(server, name + "-image.png", image, scope),
                        upload(server, name + "-mask.png", mask, scope), input.prompt(), input.seed(), input.steps(),
                        input.guidance()));
            }
            progress.onProgress(ProgressEvent.uploading(bytes, bytes));
            // Open before queueing: a server sends a prompt's progress only to sockets of its client id.
            Map<ComfyUiApi, ComfyUiSocket> sockets = new HashMap<>();
            used.forEach(server -> sockets.put(server, new ComfyUiSocket(socketClient, server, clientId)));
            try {
                return queueAndComplete(input, placement, uploaded, models, sockets, progress, scope);
            } finally {
                sockets.values().forEach(ComfyUiSocket::close);
            }
        });
    }

    private EngineResult queueAndComplete(EngineInput input, List<ComfyUiApi> placement,
                                          Map<ComfyUiApi, Values> uploaded, Map<ComfyUiApi, ComfyUiModels> models,
                                          Map<ComfyUiApi, ComfyUiSocket> sockets, ProgressListener progress,
                                          CallScope scope) throws IOException {
        List<Placed> queued = new ArrayList<>();
        try {
            for (int i = 0; i < placement.size(); i++) {
                ComfyUiApi server = placement.get(i);
                Values base = uploaded.get(server);
                Values values = new Values(base.image(), base.mask(), base.prompt(), seedOf(input.seed(), i),
                        base.steps(), base.guidance());
                ObjectNode graph = workflow == null ? ComfyUiWorkflow.official(models.get(server), values)
                        : ComfyUiWorkflow.fill(workflow, values);
                queued.add(new Placed(server, queue(server, graph, scope)));
            }
        } catch (IOException e) {
            // The images already queued would only keep the studio's GPUs busy for nothing.
            stopAtServers(queued);
            throw e;
        }
        progress.onProgress(ProgressEvent.queued(ProgressEvent.UNKNOWN));
        String jobId = String.join(",", queued.stream().map(Placed::id).toList());
        return complete(support.accepted(jobId, input), queued, sockets, input, progress, scope);
    }

    /** One queued image: the server that has it and ComfyUI's prompt id there. */
    private record Placed(ComfyUiApi server, String promptId) {
        /** How the job id names it, so a Retry finds the server again: {@code host:port/prompt-id}. */
        String id() {
            return key(server) + "/" + promptId;
        }
    }

    private static String key(ComfyUiApi server) {
        return server.root().host() + ":" + server.root().port();
    }

    /**
     * Which server each image goes to: the one with the shortest queue at this moment, counting the images of
     * this job already given to it. A server that does not answer is left out of this and later jobs.
     */
    private List<ComfyUiApi> place(int images, CallScope scope) throws IOException {
        Map<ComfyUiApi, Integer> load = new LinkedHashMap<>();
        IOException last = null;
        for (ComfyUiApi server : servers) {
            if (servers.size() > 1 && unreachable.contains(key(server))) {
                continue;
            }
            try {
                load.put(server, Queue.of(json(support.api().sendRepeatable(server.queue(), scope))).size());
            } catch (IOException e) {
                if (scope.isCancelled()) {
                    throw e;
                }
                unreachable.add(key(server));
                last = e;
            }
        }
        if (load.isEmpty()) {
            if (last != null && !(last instanceof HttpStatusException || last instanceof MalformedResponseException
                    || last instanceof ProviderFailure)) {
                // Nothing was sent yet: say which address failed, in words for a server the studio runs itself.
                throw new ProviderFailure(Category.NETWORK, "Cannot reach the ComfyUI server "
                        + String.join(", ", servers.stream().map(ComfyUiEngine::key).toList()) + " (" + last.getMessage()
                        + "): is ComfyUI running there, and started with --listen when it is on another computer?",
                        null);
            }
            throw last != null ? last : new IOException("no ComfyUI server is left to try: "
                    + String.join(", ", servers.stream().map(ComfyUiEngine::key).toList()) + " stopped answering");
        }
        List<ComfyUiApi> placement = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            ComfyUiApi least = load.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
            load.merge(least, 1, Integer::sum);
            placement.add(least);
        }
        return placement;
    }

    /** Follows the prompts by id (nothing is queued again) and fetches their images. */
    @Override
    public EngineResult resume(SubmittedJob job, EngineInput input, ProgressListener progress,
                               Cancellation cancellation) throws EngineException {
        return support.run(input, cancellation, scope -> complete(job, placed(job), Map.of(), input,
                progress, scope));
    }

    /** The prompts a job id names, each on its server as listed now. */
    private List<Placed> placed(SubmittedJob job) throws MalformedResponseException {
        List<Placed> placed = new ArrayList<>();
        for (String part : job.jobId().split(",")) {
            int slash = part.lastIndexOf('/');
            String server = slash < 0 ? key(servers.get(0)) : part.substring(0, slash);
            ComfyUiApi api = servers.stream().filter(s -> key(s).equals(server)).findFirst().orElseThrow(
                    () -> new MalformedResponseException("the ComfyUI server " + server + " that has prompt "
                            + part + " is no longer among this engine's servers"));
            placed.add(new Placed(api, part.substring(slash + 1)));
        }
        return placed;
    }

    /** Image i's seed: the job's seed plus i, within the range every engine accepts. */
    static long seedOf(long seed, int image) {
        return (seed + image) % (FillRequest.MAX_SEED + 1);
    }

    /** @param sockets the servers' websockets for step progress; empty when resuming (another client id) */
    private EngineResult complete(SubmittedJob job, List<Placed> prompts, Map<ComfyUiApi, ComfyUiSocket> sockets,
                                  EngineInput input, ProgressListener progress, CallScope scope) throws IOException {
        Watch watch = new Watch(prompts, sockets, input.steps(), progress, scope);
        Map<Placed, JsonNode> done = support.awaitSubmittedJob(job, () -> stopAtServers(prompts),
                () -> support.poller().until("ComfyUI prompt " + job.jobId(), watch::check, scope));
        List<HttpUrl> urls = new ArrayList<>();
        for (Placed prompt : prompts) {
            urls.addAll(outputs(prompt, done.get(prompt)));
        }
        List<BufferedImage> images = support.downloadOwn(job, urls, input.width(), input.height(),
                RemoteJobSupport.EXACT, progress, scope);
        EngineResult.Builder result = EngineResult.builder().providerJobId(job.jobId());
        images.forEach(result::addImage);
        if (images.size() == prompts.size()) {
            // One image per prompt, each sampled from its own seed: any of them can be made again alone.
            result.imageSeeds(IntStream.range(0, prompts.size()).mapToObj(i -> seedOf(input.seed(), i)).toList());
        }
        return result.build();
    }

    /** The state of a job's prompts between polls: which are done, and which the server seems to have lost. */
    private final class Watch {
        final List<Placed> prompts;
        final Map<ComfyUiApi, ComfyUiSocket> sockets;
        final int steps;
        final ProgressListener progress;
        final CallScope scope;
        final Map<Placed, JsonNode> done = new LinkedHashMap<>();
        final Map<Placed, Integer> unseen = new HashMap<>();

        Watch(List<Placed> prompts, Map<ComfyUiApi, ComfyUiSocket> sockets, int steps, ProgressListener progress,
              CallScope scope) {
            this.prompts = prompts;
            this.sockets = sockets;
            this.steps = steps;
            this.progress = progress;
            this.scope = scope;
        }

        /**
         * The job's sampler steps as one count: every image's steps, those of finished images all done; null
         * when no socket has reported a step.
         */
        ProgressEvent stepsSoFar() {
            int done = 0;
            int total = 0;
            boolean reported = false;
            for (Placed prompt : prompts) {
                ComfyUiSocket socket = sockets.get(prompt.server());
                ComfyUiSocket.Step step = socket == null ? null : socket.step(prompt.promptId());
                int max = step == null ? steps : step.max();
                total += max;
                if (this.done.containsKey(prompt)) {
                    done += max;
                } else if (step != null) {
                    done += Math.min(step.value(), max);
                    reported = true;
                }
            }
            return reported ? ProgressEvent.running(done, total) : null;
        }

        Optional<Map<Placed, JsonNode>> check() throws IOException {
            boolean running = false;
            long position = Long.MAX_VALUE;
            for (ComfyUiApi server : prompts.stream().map(Placed::server).distinct().toList()) {
                try {
                    // The queue first: a prompt that finishes between the two reads is then found in the history.
                    Queue queue = Queue.of(json(support.afterSubmit().sendRepeatable(server.queue(), scope)));
                    for (Placed prompt : prompts) {
                        if (prompt.server() == server && !done.containsKey(prompt)) {
                            look(prompt, queue);
                            running |= queue.isRunning(prompt.promptId());
                            long p = queue.position(prompt.promptId());
                            position = p > 0 ? Math.min(position, p) : position;
                        }
                    }
                } catch (IOException e) {
                    if (!scope.isCancelled() && !(e instanceof ProviderFailure)) {
                        unreachable.add(key(server));
                    }
                    throw e;
                }
            }
            if (done.size() == prompts.size()) {
                return Optional.of(done);
            }
            ProgressEvent stepped = stepsSoFar();
            progress.onProgress(running ? (stepped != null ? stepped : ProgressEvent.running())
                    : ProgressEvent.queued(position == Long.MAX_VALUE ? ProgressEvent.UNKNOWN : position));
            return Optional.empty();
        }

        private void look(Placed prompt, Queue queue) throws IOException {
            String id = prompt.promptId();
            JsonNode entry = json(support.afterSubmit().sendRepeatable(prompt.server().history(id), scope)).path(id);
            if (!entry.isMissingNode() && finished(entry)) {
                Optional<ProviderFailure> failed = failure(prompt, entry);
                if (failed.isPresent()) {
                    throw failed.get();
                }
                done.put(prompt, entry);
            } else if (!queue.has(id) && entry.isMissingNode()) {
                // Twice in a row in neither place: the server restarted or its queue was cleared.
                if (unseen.merge(prompt, 1, Integer::sum) >= 2) {
                    throw new ProviderFailure(Category.PROVIDER_FAILED, "The ComfyUI server " + key(prompt.server())
                            + " no longer knows prompt " + id + ": it was restarted or its queue was cleared; "
                            + "run the job again", null);
                }
            } else {
                unseen.remove(prompt);
            }
        }
    }

    /** An entry without a status block (older servers) is written only once the prompt has ended. */
    private static boolean finished(JsonNode entry) {
        JsonNode status = entry.path("status");
        return status.isMissingNode() || status.path("completed").asBoolean(false)
                || !status.path("status_str").asText("").isEmpty();
    }

    /** The server's own words for a prompt that ended in an error or was interrupted. */
    private static Optional<ProviderFailure> failure(Placed prompt, JsonNode entry) {
        String id = prompt.promptId() + " on " + key(prompt.server());
        for (JsonNode message : entry.path("status").path("messages")) {
            String type = message.path(0).asText();
            JsonNode data = message.path(1);
            if (type.equals("execution_error")) {
                return Optional.of(new ProviderFailure(Category.PROVIDER_FAILED, "ComfyUI failed in node "
                        + data.path("node_id").asText("?") + " (" + data.path("node_type").asText("?") + ") of prompt "
                        + id + ": " + data.path("exception_message").asText("").strip(),
                        data.path("exception_type").asText(null)));
            }
            if (type.equals("execution_interrupted")) {
                // Not by us (our cancel ends the job before this is read): someone stopped it at the server.
                return Optional.of(new ProviderFailure(Category.PROVIDER_FAILED, "Prompt " + id + " was interrupted "
                        + "on the ComfyUI server in node " + data.path("node_id").asText("?") + " ("
                        + data.path("node_type").asText("?") + "), by someone else's Cancel or /interrupt; "
                        + "run the job again", null));
            }
        }
        if (entry.path("status").path("status_str").asText("").equals("error")) {
            return Optional.of(new ProviderFailure(Category.PROVIDER_FAILED, "ComfyUI ended prompt " + id
                    + " with an error and no message", null));
        }
        return Optional.empty();
    }

    /** The saved images of a finished prompt (previews of type "temp" are not results). */
    private static List<HttpUrl> outputs(Placed prompt, JsonNode entry) throws ProviderFailure {
        ComfyUiApi api = prompt.server();
        String id = prompt.promptId();
        List<HttpUrl> urls = new ArrayList<>();
        entry.path("outputs").forEach(node -> node.path("images").forEach(image -> {
            String type = image.path("type").asText("output");
            if (type.equals("output") && image.path("filename").isTextual()) {
                urls.add(api.view(image.path("filename").asText(), image.path("subfolder").asText(""), type));
            }
        }));
        if (urls.isEmpty()) {
            throw new ProviderFailure(Category.PROVIDER_FAILED, "ComfyUI finished prompt " + id + " on " + key(api)
                    + " without a saved image in its history (a workflow needs a SaveImage node; previews are not "
                    + "kept)", null);
        }
        return urls;
    }

    /** Reads the loaders' choices once per job: the server's files may change between jobs. */
    private ComfyUiModels models(ComfyUiApi api, CallScope scope) throws IOException {
        JsonNode unet = objectInfo(api, "UNETLoader", scope);
        JsonNode clip = objectInfo(api, "DualCLIPLoader", scope);
        JsonNode vae = objectInfo(api, "VAELoader", scope);
        JsonNode dd = objectInfo(api, "DifferentialDiffusion", scope);
        try {
            return ComfyUiModels.pick(choice, ComfyUiModels.options(unet, "UNETLoader", "unet_name"),
                    ComfyUiModels.options(clip, "DualCLIPLoader", "clip_name1"),
                    ComfyUiModels.options(vae, "VAELoader", "vae_name"), ComfyUiModels.has(dd, "DifferentialDiffusion"));
        } catch (IllegalArgumentException e) {
            throw new ProviderFailure(Category.INVALID_INPUT, "ComfyUI at " + key(api) + ": " + e.getMessage(),
                    null);
        }
    }

    private JsonNode objectInfo(ComfyUiApi api, String nodeClass, CallScope scope) throws IOException {
        try {
            return json(support.api().sendRepeatable(api.objectInfo(nodeClass), scope));
        } catch (HttpStatusException e) {
            if (e.status() == 404) {
                return JsonNodeFactory.instance.objectNode();
            }
            throw e;
        }
    }

    /** Uploads are safe to repeat (the same name is overwritten), so they follow the retry policy. */
    private String upload(ComfyUiApi api, String name, byte[] png, CallScope scope) throws IOException {
        JsonNode answer = json(support.api().sendRepeatable(api.upload(name, png), scope));
        String stored = answer.path("name").asText("");
        if (stored.isEmpty()) {
            throw new MalformedResponseException("ComfyUI accepted the upload of " + name + " without a name");
        }
        String subfolder = answer.path("subfolder").asText("");
        return subfolder.isEmpty() ? stored : subfolder + "/" + stored;
    }

    /** Sent once: POST /prompt is not idempotent, a second send would run the image twice. */
    private String queue(ComfyUiApi api, ObjectNode graph, CallScope scope) throws IOException {
        JsonNode answer;
        try {
            answer = json(support.api().sendOnce(api.prompt(graph, clientId), scope));
        } catch (HttpStatusException e) {
            if (e.status() == 400) {
                throw new ProviderFailure(Category.INVALID_INPUT, "ComfyUI refused the workflow: "
                        + ComfyUiErrors.describe(e.body()), e.bodyExcerpt());
            }
            throw e;
        }
        String id = answer.path("prompt_id").asText("");
        if (id.isEmpty()) {
            throw new MalformedResponseException("ComfyUI queued the prompt without a prompt_id");
        }
        return id;
    }

    /** Best effort, in a scope of its own: removes our pending prompts, interrupts a running one only if ours. */
    private void stopAtServers(List<Placed> prompts) {
        for (ComfyUiApi server : prompts.stream().map(Placed::server).distinct().toList()) {
            List<String> ids = prompts.stream().filter(p -> p.server() == server).map(Placed::promptId).toList();
            Queue queue;
            try {
                queue = Queue.of(json(support.api().sendRepeatable(server.queue(), new CallScope())));
            } catch (IOException | RuntimeException e) {
                continue;
            }
            List<String> pending = ids.stream().filter(queue::isPending).toList();
            if (!pending.isEmpty()) {
                support.cancelQuietly(server.deletePending(pending));
            }
            if (ids.stream().anyMatch(queue::isRunning)) {
                support.cancelQuietly(server.interrupt());
            }
        }
    }

    private JsonNode json(HttpReply reply) throws MalformedResponseException {
        return support.api().json(reply, JsonNode.class);
    }

    /** {@code GET /queue}: items are {@code [number, prompt_id, prompt, extra_data, outputs]}. */
    private record Queue(List<String> running, List<String> pending) {
        static Queue of(JsonNode answer) {
            return new Queue(ids(answer.path("queue_running")), ids(answer.path("queue_pending")));
        }

        /** Pending items come unordered; their number is the order they will run in. */
        private static List<String> ids(JsonNode items) {
            List<JsonNode> sorted = new ArrayList<>();
            items.forEach(sorted::add);
            sorted.sort((a, b) -> Double.compare(a.path(0).asDouble(), b.path(0).asDouble()));
            return sorted.stream().map(item -> item.path(1).asText("")).toList();
        }

        boolean has(String id) {
            return running.contains(id) || pending.contains(id);
        }

        int size() {
            return running.size() + pending.size();
        }

        boolean isRunning(String id) {
            return running.contains(id);
        }

        boolean isPending(String id) {
            return pending.contains(id);
        }

        /** 1 = next to run; 0 when not waiting. */
        long position(String id) {
            int index = pending.indexOf(id);
            return index < 0 ? 0 : index + 1L;
        }
    }
}
