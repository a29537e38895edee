package com.maskfill.engine.remote.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
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
import com.maskfill.engine.remote.http.Redactor;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.comfyui.ComfyUiWorkflow.Values;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    private final ComfyUiApi api;
    private final RemoteJobSupport support;
    private final ComfyUiModels.Choice choice;
    private final ObjectNode workflow;
    private final String clientId = UUID.randomUUID().toString();

    /**
     * @param token    a reverse proxy's bearer token, or {@code user:password} for basic auth; null for none
     * @param workflow the user's checked workflow, or null for the official one
     */
    ComfyUiEngine(HttpUrl root, Secret token, ComfyUiModels.Choice choice, ObjectNode workflow, Redactor redactor,
                  RemoteTuning tuning) {
        this.api = new ComfyUiApi(root);
        OkHttpClient client = HttpClients.forApi(tuning.timeouts());
        if (token != null) {
            String header = authorization(token.reveal());
            client = client.newBuilder().addInterceptor(chain -> chain.proceed(
                    chain.request().newBuilder().header("Authorization", header).build())).build();
        }
        this.support = new RemoteJobSupport("comfyui", PROVIDER, "the proxy token in the engine settings ("
                + EnvironmentCredentials.COMFYUI_TOKEN + ")", client, redactor, tuning);
        this.choice = choice;
        this.workflow = workflow;
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
            ComfyUiModels models = workflow == null ? models(scope) : null;
            byte[] image = RemoteImages.png(input.image());
            byte[] mask = RemoteImages.png(input.mask());
            long bytes = image.length + (long) mask.length;
            progress.onProgress(ProgressEvent.uploading(0, bytes));
            String name = "maskfill-" + UUID.randomUUID();
            String imageName = upload(name + "-image.png", image, scope);
            String maskName = upload(name + "-mask.png", mask, scope);
            progress.onProgress(ProgressEvent.uploading(bytes, bytes));
            List<String> ids = new ArrayList<>();
            try {
                for (int i = 0; i < input.imageCount(); i++) {
                    Values values = new Values(imageName, maskName, input.prompt(), seedOf(input.seed(), i),
                            input.steps(), input.guidance());
                    ids.add(queue(workflow == null ? ComfyUiWorkflow.official(models, values)
                            : ComfyUiWorkflow.fill(workflow, values), scope));
                }
            } catch (IOException e) {
                // The images already queued would only keep the studio's GPU busy for nothing.
                stopAtServer(ids);
                throw e;
            }
            progress.onProgress(ProgressEvent.queued(ProgressEvent.UNKNOWN));
            return complete(support.accepted(String.join(",", ids), input), input, progress, scope);
        });
    }

    /** Follows the prompts by id (nothing is queued again) and fetches their images. */
    @Override
    public EngineResult resume(SubmittedJob job, EngineInput input, ProgressListener progress,
                               Cancellation cancellation) throws EngineException {
        return support.run(input, cancellation, scope -> complete(job, input, progress, scope));
    }

    /** Image i's seed: the job's seed plus i, within the range every engine accepts. */
    static long seedOf(long seed, int image) {
        return (seed + image) % (FillRequest.MAX_SEED + 1);
    }

    private EngineResult complete(SubmittedJob job, EngineInput input, ProgressListener progress, CallScope scope)
            throws IOException {
        List<String> ids = List.of(job.jobId().split(","));
        Map<String, JsonNode> done = support.awaitSubmittedJob(job, () -> stopAtServer(ids),
                () -> support.poller().until("ComfyUI prompt " + job.jobId(), new Watch(ids, progress, scope)::check,
                        scope));
        List<HttpUrl> urls = new ArrayList<>();
        for (String id : ids) {
            urls.addAll(outputs(id, done.get(id)));
        }
        List<BufferedImage> images = support.downloadOwn(job, urls, input.width(), input.height(),
                RemoteJobSupport.EXACT, progress, scope);
        EngineResult.Builder result = EngineResult.builder().providerJobId(job.jobId());
        images.forEach(result::addImage);
        return result.build();
    }

    /** The state of a job's prompts between polls: which are done, and which the server seems to have lost. */
    private final class Watch {
        final List<String> ids;
        final ProgressListener progress;
        final CallScope scope;
        final Map<String, JsonNode> done = new LinkedHashMap<>();
        final Map<String, Integer> unseen = new HashMap<>();

        Watch(List<String> ids, ProgressListener progress, CallScope scope) {
            this.ids = ids;
            this.progress = progress;
            this.scope = scope;
        }

        Optional<Map<String, JsonNode>> check() throws IOException {
            // The queue first: a prompt that finishes between the two reads is then found in the history.
            Queue queue = Queue.of(json(support.afterSubmit().sendRepeatable(api.queue(), scope)));
            for (String id : ids) {
                if (done.containsKey(id)) {
                    continue;
                }
                JsonNode entry = json(support.afterSubmit().sendRepeatable(api.history(id), scope)).path(id);
                if (!entry.isMissingNode() && finished(entry)) {
                    Optional<ProviderFailure> failed = failure(id, entry);
                    if (failed.isPresent()) {
                        throw failed.get();
                    }
                    done.put(id, entry);
                } else if (!queue.has(id) && entry.isMissingNode()) {
                    // Twice in a row in neither place: the server restarted or its queue was cleared.
                    if (unseen.merge(id, 1, Integer::sum) >= 2) {
                        throw new ProviderFailure(Category.PROVIDER_FAILED, "The ComfyUI server no longer knows prompt "
                                + id + ": it was restarted or its queue was cleared; run the job again", null);
                    }
                } else {
                    unseen.remove(id);
                }
            }
            if (done.size() == ids.size()) {
                return Optional.of(done);
            }
            if (ids.stream().anyMatch(queue::isRunning)) {
                progress.onProgress(ProgressEvent.running());
            } else {
                progress.onProgress(ProgressEvent.queued(ids.stream().mapToLong(queue::position).filter(p -> p > 0)
                        .min().orElse(ProgressEvent.UNKNOWN)));
            }
            return Optional.empty();
        }
    }

    /** An entry without a status block (older servers) is written only once the prompt has ended. */
    private static boolean finished(JsonNode entry) {
        JsonNode status = entry.path("status");
        return status.isMissingNode() || status.path("completed").asBoolean(false)
                || !status.path("status_str").asText("").isEmpty();
    }

    /** The server's own words for a prompt that ended in an error or was interrupted. */
    private static Optional<ProviderFailure> failure(String id, JsonNode entry) {
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
                return Optional.of(new ProviderFailure(Category.PROVIDER_FAILED, "Prompt " + id + " was interrupted "
                        + "on the ComfyUI server (in node " + data.path("node_id").asText("?") + ")", null));
            }
        }
        if (entry.path("status").path("status_str").asText("").equals("error")) {
            return Optional.of(new ProviderFailure(Category.PROVIDER_FAILED, "ComfyUI ended prompt " + id
                    + " with an error and no message", null));
        }
        return Optional.empty();
    }

    /** The saved images of a finished prompt (previews of type "temp" are not results). */
    private List<HttpUrl> outputs(String id, JsonNode entry) throws MalformedResponseException {
        List<HttpUrl> urls = new ArrayList<>();
        entry.path("outputs").forEach(node -> node.path("images").forEach(image -> {
            String type = image.path("type").asText("output");
            if (type.equals("output") && image.path("filename").isTextual()) {
                urls.add(api.view(image.path("filename").asText(), image.path("subfolder").asText(""), type));
            }
        }));
        if (urls.isEmpty()) {
            throw new MalformedResponseException("ComfyUI finished prompt " + id + " without a saved image");
        }
        return urls;
    }

    /** Reads the loaders' choices once per job: the server's files may change between jobs. */
    private ComfyUiModels models(CallScope scope) throws IOException {
        JsonNode unet = objectInfo("UNETLoader", scope);
        JsonNode clip = objectInfo("DualCLIPLoader", scope);
        JsonNode vae = objectInfo("VAELoader", scope);
        JsonNode dd = objectInfo("DifferentialDiffusion", scope);
        try {
            return ComfyUiModels.pick(choice, ComfyUiModels.options(unet, "UNETLoader", "unet_name"),
                    ComfyUiModels.options(clip, "DualCLIPLoader", "clip_name1"),
                    ComfyUiModels.options(vae, "VAELoader", "vae_name"), ComfyUiModels.has(dd, "DifferentialDiffusion"));
        } catch (IllegalArgumentException e) {
            throw new ProviderFailure(Category.INVALID_INPUT, "ComfyUI at " + api.root().host() + ": " + e.getMessage(),
                    null);
        }
    }

    private JsonNode objectInfo(String nodeClass, CallScope scope) throws IOException {
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
    private String upload(String name, byte[] png, CallScope scope) throws IOException {
        JsonNode answer = json(support.api().sendRepeatable(api.upload(name, png), scope));
        String stored = answer.path("name").asText("");
        if (stored.isEmpty()) {
            throw new MalformedResponseException("ComfyUI accepted the upload of " + name + " without a name");
        }
        String subfolder = answer.path("subfolder").asText("");
        return subfolder.isEmpty() ? stored : subfolder + "/" + stored;
    }

    /** Sent once: POST /prompt is not idempotent, a second send would run the image twice. */
    private String queue(ObjectNode graph, CallScope scope) throws IOException {
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

    /** Best effort, in a scope of its own: removes our pending prompts, interrupts the running one if ours. */
    private void stopAtServer(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Queue queue;
        try {
            queue = Queue.of(json(support.api().sendRepeatable(api.queue(), new CallScope())));
        } catch (IOException | RuntimeException e) {
            return;
        }
        List<String> pending = ids.stream().filter(queue::isPending).toList();
        if (!pending.isEmpty()) {
            support.cancelQuietly(api.deletePending(pending));
        }
        if (ids.stream().anyMatch(queue::isRunning)) {
            support.cancelQuietly(api.interrupt());
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
