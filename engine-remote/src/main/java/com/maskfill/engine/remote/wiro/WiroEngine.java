package com.maskfill.engine.remote.wiro;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Cost;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.engine.Timings;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.RemoteImages;
import com.maskfill.engine.remote.RemoteJobSupport;
import com.maskfill.engine.remote.http.CallCancelledException;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.HttpReply;
import com.maskfill.engine.remote.http.JobTimeoutException;
import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.ProviderFailure;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.wiro.WiroResponses.Output;
import com.maskfill.engine.remote.wiro.WiroResponses.RunResponse;
import com.maskfill.engine.remote.wiro.WiroResponses.SocketFrame;
import com.maskfill.engine.remote.wiro.WiroResponses.Task;
import com.maskfill.engine.remote.wiro.WiroResponses.TaskListResponse;
import com.maskfill.engine.remote.wiro.WiroSocket.Closed;
import com.maskfill.engine.remote.wiro.WiroSocket.Event;
import com.maskfill.engine.remote.wiro.WiroSocket.Frame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * FLUX.1 Fill [dev] on Wiro: one signed multipart run with the pixels attached, progress from the task
 * websocket (falling back to {@code Task/Detail} polling when the socket cannot connect or drops), a final
 * {@code Task/Detail} to confirm {@code pexit} and read outputs and cost, then the downloads. Cancelling, a
 * timeout or a failure reported while watching sends {@code Task/Cancel} while the task is queued and
 * {@code Task/Kill} once a worker has it; a long outage leaves the task to finish, and {@link #resume} fetches it.
 */
public final class WiroEngine implements Engine {

    private final WiroApi api;
    private final RemoteJobSupport support;
    private final OkHttpClient socketClient;
    private final String socketUrl;
    private final RemoteTuning tuning;

    /**
     * @param socketUrl the task websocket, or null to poll only
     */
    WiroEngine(HttpUrl root, String socketUrl, WiroSigner signer, Redactor redactor, RemoteTuning tuning) {
        this.api = new WiroApi(root);
        this.support = new RemoteJobSupport("wiro", "Wiro",
                EnvironmentCredentials.WIRO_API_KEY + " and " + EnvironmentCredentials.WIRO_API_SECRET,
                HttpClients.forApi(tuning.timeouts()).newBuilder().addInterceptor(signer).build(), redactor, tuning);
        // No signer on the socket: its protocol carries the task token, and no key should travel there.
        this.socketClient = HttpClients.forApi(tuning.timeouts()).newBuilder()
                .readTimeout(Duration.ZERO)
                .pingInterval(Duration.ofSeconds(20))
                .build();
        this.socketUrl = socketUrl;
        this.tuning = tuning;
    }

    @Override
    public Capabilities capabilities() {
        return WiroEngineProvider.CAPABILITIES;
    }

    @Override
    public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        return support.run(input, cancellation, scope -> {
            byte[] image = RemoteImages.png(input.image());
            byte[] mask = RemoteImages.png(input.mask());
            long bytes = image.length + (long) mask.length;
            progress.onProgress(ProgressEvent.uploading(0, bytes));
            RunResponse run = support.api().json(support.api().sendOnce(api.run(input, image, mask), scope),
                    RunResponse.class);
            if (!Boolean.TRUE.equals(run.result())) {
                throw WiroResponses.failure("Wiro run", run.errors());
            }
            if (run.taskid() == null || run.socketaccesstoken() == null) {
                throw new MalformedResponseException("Wiro accepted the run without taskid or socketaccesstoken");
            }
            progress.onProgress(ProgressEvent.uploading(bytes, bytes));
            TaskWatch watch = new TaskWatch(run.taskid(), run.socketaccesstoken(), progress);
            watch.report(WiroStatus.QUEUED);
            return complete(support.accepted(run.taskid(), input), watch, input, scope, cancellation);
        });
    }

    /** Follows the task by id through Task/Detail (nothing is submitted) and downloads its outputs. */
    @Override
    public EngineResult resume(SubmittedJob job, EngineInput input, ProgressListener progress,
                               Cancellation cancellation) throws EngineException {
        return support.run(input, cancellation,
                scope -> complete(job, new TaskWatch(job.jobId(), null, progress), input, scope, cancellation));
    }

    private EngineResult complete(SubmittedJob job, TaskWatch watch, EngineInput input, CallScope scope,
                                  Cancellation cancellation) throws IOException {
        Task task = support.awaitSubmittedJob(job, () -> stopAtProvider(watch),
                () -> awaitEnd(watch, scope, cancellation));
        return finish(task, job, input, watch.progress, scope);
    }

    /** The task being watched and the last state reported, so each state is announced once. */
    private static final class TaskWatch {
        final String id;
        /** The socket token, or null for a resumed task (followed by id, without the socket). */
        final String token;
        final ProgressListener progress;
        final AtomicReference<WiroStatus> last = new AtomicReference<>();

        TaskWatch(String id, String token, ProgressListener progress) {
            this.id = id;
            this.token = token;
            this.progress = progress;
        }

        void report(WiroStatus status) {
            if (status != WiroStatus.QUEUED && status != WiroStatus.RUNNING) {
                return;
            }
            if (last.getAndSet(status) != status) {
                progress.onProgress(status == WiroStatus.QUEUED ? ProgressEvent.queued(ProgressEvent.UNKNOWN)
                        : ProgressEvent.running());
            }
        }

        WiroStatus lastStatus() {
            WiroStatus status = last.get();
            return status == null ? WiroStatus.QUEUED : status;
        }
    }

    private Task awaitEnd(TaskWatch watch, CallScope scope, Cancellation cancellation) throws IOException {
        long deadline = System.nanoTime() + tuning.jobTimeout().toNanos();
        boolean socket = socketUrl != null && watch.token != null;
        Optional<Task> viaSocket = socket ? watchSocket(watch, deadline, scope, cancellation) : Optional.empty();
        if (viaSocket.isPresent()) {
            return viaSocket.get();
        }
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        return support.poller().withTimeout(left).until("Wiro task " + watch.id, () -> {
            Task task = detail(watch, scope);
            return isTerminal(task) ? Optional.of(task) : Optional.empty();
        }, scope);
    }

    /**
     * Follows the websocket until the task ends. Empty when the socket could not connect or dropped: the
     * caller then polls. A quiet socket is backed by one {@code Task/Detail} check per longest poll interval,
     * so a lost frame cannot stall the job.
     */
    private Optional<Task> watchSocket(TaskWatch watch, long deadline, CallScope scope, Cancellation cancellation)
            throws IOException {
        Duration quietLimit = tuning.poll().max();
        try (WiroSocket socket = WiroSocket.open(socketClient, socketUrl, watch.token);
             Cancellation.Registration ignored = cancellation.onCancel(socket::wake)) {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new JobTimeoutException("Wiro task " + watch.id, tuning.jobTimeout());
                }
                Event event = socket.next(Duration.ofNanos(Math.min(left, quietLimit.toNanos())));
                scope.throwIfCancelled();
                if (event instanceof Closed) {
                    return Optional.empty();
                }
                // Silence or a final frame: ask Task/Detail, which also confirms pexit and lists outputs and cost.
                boolean check = event == null || (event instanceof Frame frame && onFrame(frame.frame(), watch));
                if (check) {
                    Task task = detail(watch, scope);
                    if (isTerminal(task)) {
                        return Optional.of(task);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallCancelledException();
        }
    }

    /** Reports a frame's news; true when the frame says the task is over. */
    private static boolean onFrame(SocketFrame frame, TaskWatch watch) {
        if (frame.tasktoken() != null && !frame.tasktoken().equals(watch.token)) {
            return false;
        }
        String type = frame.type() == null ? "" : frame.type();
        if (type.equals("task_output") && frame.message() != null && frame.message().isObject()) {
            JsonNode m = frame.message();
            int step = intOf(m.path("stepCurrent"));
            int steps = intOf(m.path("stepTotal"));
            if (step > 0 && steps > 0) {
                watch.last.set(WiroStatus.RUNNING);
                watch.progress.onProgress(ProgressEvent.running(step, steps));
                return false;
            }
        }
        // task_error on the socket is a line of stderr, not the end of the task.
        if (type.equals("task_error")) {
            return false;
        }
        WiroStatus status = WiroStatus.of(type);
        watch.report(status);
        return status == WiroStatus.FINISHED || status == WiroStatus.CANCELLED;
    }

    private static int intOf(JsonNode node) {
        if (node.isNumber()) {
            return node.asInt();
        }
        try {
            return node.isTextual() ? (int) Double.parseDouble(node.asText().strip()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Task detail(TaskWatch watch, CallScope scope) throws IOException {
        Request request = watch.token == null ? api.detailById(watch.id) : api.detail(watch.token);
        TaskListResponse response = support.api().json(support.afterSubmit().sendRepeatable(request, scope),
                TaskListResponse.class);
        if (!Boolean.TRUE.equals(response.result())) {
            throw WiroResponses.failure("Wiro Task/Detail", response.errors());
        }
        if (response.tasklist() == null || response.tasklist().isEmpty()) {
            throw new MalformedResponseException("Wiro Task/Detail answered without tasklist for task " + watch.id);
        }
        Task task = response.tasklist().get(0);
        watch.report(WiroStatus.of(task.status()));
        return task;
    }

    private static boolean isTerminal(Task task) {
        WiroStatus status = WiroStatus.of(task.status());
        return status == WiroStatus.FINISHED || status == WiroStatus.CANCELLED || status == WiroStatus.ERROR;
    }

    /**
     * Cancel works only while the task waits in the queue; once a worker has it (or Cancel is refused
     * because it just got one) Kill is the way. Best effort: the job ends as cancelled either way.
     */
    private void stopAtProvider(TaskWatch watch) {
        if (watch.lastStatus().cancellableWithoutKill() && support.cancelQuietly(api.cancel(watch.id), this::agreed)) {
            return;
        }
        support.cancelQuietly(api.kill(watch.id), this::agreed);
    }

    /** Cancel and Kill answer HTTP 200 with {@code result:false} when they refuse. */
    private boolean agreed(HttpReply reply) throws IOException {
        return Boolean.TRUE.equals(support.api().json(reply, TaskListResponse.class).result());
    }

    private EngineResult finish(Task task, SubmittedJob job, EngineInput input, ProgressListener progress,
                                CallScope scope) throws IOException {
        WiroStatus status = WiroStatus.of(task.status());
        if (status == WiroStatus.CANCELLED) {
            throw new ProviderFailure(Category.PROVIDER_FAILED, "Wiro cancelled task " + task.id(), null);
        }
        if (status == WiroStatus.ERROR || !"0".equals(task.pexit())) {
            throw new ProviderFailure(Category.PROVIDER_FAILED, "Wiro task " + task.id() + " failed"
                    + (task.pexit() == null ? "" : " (exit code " + task.pexit() + ")"), tail(task.debugerror()));
        }
        List<String> urls = task.outputsOrEmpty().stream()
                .filter(o -> o.contenttype() == null || o.contenttype().startsWith("image/"))
                .map(Output::url)
                .toList();
        if (urls.isEmpty()) {
            throw new MalformedResponseException("Wiro task " + task.id() + " succeeded without image outputs");
        }
        List<BufferedImage> images = support.downloadAll(job, urls, input.width(), input.height(),
                RemoteJobSupport.EXACT, progress, scope);
        EngineResult.Builder result = EngineResult.builder().providerJobId(task.id())
                .timings(Timings.of(seconds(task.starttime(), task.createtime()), seconds(task.elapsedseconds()), null));
        images.forEach(result::addImage);
        cost(task.totalcost()).ifPresent(result::cost);
        return result.build();
    }

    /** The end of a long stderr log is where the error is. */
    private static String tail(String log) {
        if (log == null || log.isBlank()) {
            return null;
        }
        String trimmed = log.strip();
        return trimmed.length() > 500 ? "…" + trimmed.substring(trimmed.length() - 500) : trimmed;
    }

    private static Optional<Cost> cost(String totalcost) {
        try {
            return totalcost == null || totalcost.isBlank() ? Optional.empty()
                    : Optional.of(Cost.usd(totalcost.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration seconds(String value) {
        try {
            return value == null ? null : Duration.ofMillis(Math.round(Double.parseDouble(value.strip()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code end − start} from two unix-second strings, or null when either is missing or zero. */
    private static Duration seconds(String end, String start) {
        try {
            long e = Long.parseLong(end.strip());
            long s = Long.parseLong(start.strip());
            return e > 0 && s > 0 && e >= s ? Duration.ofSeconds(e - s) : null;
        } catch (NullPointerException | NumberFormatException ex) {
            return null;
        }
    }
}
