package com.maskfill.engine.remote.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.model.DownloadListener;
import com.maskfill.engine.api.model.DownloadPlan;
import com.maskfill.engine.api.model.DownloadProgress;
import com.maskfill.engine.api.model.HubCache;
import com.maskfill.engine.api.model.HubSettings;
import com.maskfill.engine.api.model.ModelDownloader;
import com.maskfill.engine.api.model.ModelSelection;
import com.maskfill.engine.api.model.RepoFile;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.RecordingSleeper;
import com.maskfill.engine.remote.http.Timeouts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Hub downloader against a fake Hub and a fake file host, with the faults a real download meets. */
class HubDownloaderTest {

    private static final String FLUX = "flux1-fill-dev.safetensors";
    private static final String AE = "ae.safetensors";
    private static final String CLIP = "text_encoder/model.safetensors";

    @TempDir
    Path home;

    private FakeHub fake;
    private final RecordingSleeper sleeper = RecordingSleeper.fast();
    private final List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final DownloadListener listener = new DownloadListener() {
        @Override
        public void onProgress(DownloadProgress p) {
            progress.add(p);
        }

        @Override
        public void onNote(String message) {
            notes.add(message);
        }
    };

    @BeforeEach
    void startHub() throws IOException {
        fake = new FakeHub()
                .file(".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n".getBytes())
                .file("README.md", "# FLUX.1 Fill [dev] (test copy)\n".getBytes())
                .file("model_index.json", "{\"_class_name\":\"FluxFillPipeline\"}".getBytes())
                .file(FLUX, resource("flux-tiny-b/flux-tiny.safetensors"))
                .file(AE, resource("flux-tiny-b/ae-tiny.safetensors"))
                .file(CLIP, resource("text-oracle/clip-tiny.safetensors"))
                .file("text_encoder/config.json", "{\"hidden_size\":16}".getBytes())
                .file("text_encoder_2/model.safetensors", resource("text-oracle/t5-tiny.safetensors"))
                .file("tokenizer/vocab.json", "{\"a</w>\":0}".getBytes())
                .file("tokenizer_2/tokenizer.json", "{\"model\":{}}".getBytes())
                .file("transformer/config.json", "{\"in_channels\":384}".getBytes())
                .file("transformer/diffusion_pytorch_model-00001-of-00003.safetensors", new byte[70_000])
                .file("vae/config.json", "{\"latent_channels\":16}".getBytes())
                .file("vae/diffusion_pytorch_model.safetensors", new byte[50_000]);
    }

    @AfterEach
    void stopHub() {
        fake.close();
    }

    static byte[] resource(String relative) throws IOException {
        return Files.readAllBytes(Path.of("..", "engine-local", "src", "test", "resources", relative));
    }

    private HubSettings hub(String token) {
        Map<String, String> env = new HashMap<>();
        env.put("HF_ENDPOINT", fake.endpoint());
        env.put("HF_HOME", home.toString());
        if (token != null) {
            env.put("HF_TOKEN", token);
        }
        return HubSettings.fromEnvironment(env);
    }

    private HubDownloader downloader() {
        return new HubDownloader(HttpClients.forApi(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5))), HubDownloader.RETRY, sleeper);
    }

    private DownloadPlan fetchDefault(HubSettings hub) throws EngineException {
        HubDownloader d = downloader();
        return d.download(hub, d.plan(hub, ModelSelection.fluxFill(), new Cancellation()), listener,
                new Cancellation());
    }

    private Path snapshotFile(String path) {
        return hub(null).cache().snapshotFile(FakeHub.REPO, FakeHub.COMMIT, path);
    }

    @Test
    void downloaderIsFoundThroughServiceLoader() {
        assertTrue(ModelDownloader.find().orElseThrow() instanceof HubDownloader);
    }

    @Test
    void fetchesTheSingleFileSetByCommitIntoTheHuggingFaceCacheLayout() throws Exception {
        fetchDefault(hub(null));

        HubCache cache = hub(null).cache();
        Path repoDir = home.resolve("hub/models--black-forest-labs--FLUX.1-Fill-dev");
        assertEquals(repoDir, cache.repoDir(FakeHub.REPO));
        assertEquals(FakeHub.COMMIT, Files.readString(repoDir.resolve("refs/main")));
        for (String path : List.of(FLUX, AE, CLIP, "text_encoder/config.json", "text_encoder_2/model.safetensors",
                "tokenizer/vocab.json", "tokenizer_2/tokenizer.json", "transformer/config.json", "vae/config.json",
                "model_index.json", "README.md")) {
            Path file = snapshotFile(path);
            assertArrayEquals(fake.content(path), Files.readAllBytes(file), path);
            assertTrue(Files.isSymbolicLink(file), path + " is a link into blobs/");
            String etag = FakeHub.lfs(path) ? FakeHub.sha256(fake.content(path)) : FakeHub.gitOid(fake.content(path));
            assertEquals(repoDir.resolve("blobs").resolve(etag), file.toRealPath(), path);
            assertFalse(Files.readSymbolicLink(file).isAbsolute(), "relative links, as huggingface_hub makes");
        }
        // The diffusers copies of the weights are the same model again: never fetched.
        assertFalse(Files.exists(snapshotFile("transformer/diffusion_pytorch_model-00001-of-00003.safetensors")));
        assertFalse(Files.exists(snapshotFile("vae/diffusion_pytorch_model.safetensors")));
        assertFalse(Files.exists(snapshotFile(".gitattributes")));
        assertTrue(fake.hubRequests.stream().map(r -> r.getUrl().encodedPath())
                .filter(p -> p.contains("/resolve/")).allMatch(p -> p.contains("/resolve/" + FakeHub.COMMIT + "/")));
        assertEquals(1, fake.hubRequests.stream().filter(r -> r.getUrl().encodedPath().contains("/revision/")).count(),
                "main is resolved to a commit once");
        assertTrue(fake.hubRequests.stream().filter(r -> r.getUrl().encodedPath().contains("/tree/")).count() > 1,
                "the paged tree listing was followed through its Link headers");
        try (var blobs = Files.list(repoDir.resolve("blobs"))) {
            assertTrue(blobs.noneMatch(p -> p.toString().endsWith(HubCache.INCOMPLETE)));
        }
    }

    @Test
    void withSymlinksDisabledTheSnapshotHoldsRealFilesEachOnDiskOnce() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HF_ENDPOINT", fake.endpoint());
        env.put("HF_HOME", home.toString());
        env.put("HF_HUB_DISABLE_SYMLINKS", "1");
        HubSettings hub = HubSettings.fromEnvironment(env);
        assertFalse(hub.cache().symlinks());

        fetchDefault(hub);

        for (String path : List.of(FLUX, AE, CLIP, "tokenizer/vocab.json")) {
            Path file = snapshotFile(path);
            assertFalse(Files.isSymbolicLink(file), path + " is a real file");
            assertArrayEquals(fake.content(path), Files.readAllBytes(file), path);
        }
        Path blobs = home.resolve("hub/models--black-forest-labs--FLUX.1-Fill-dev/blobs");
        assertFalse(Files.exists(blobs.resolve(FakeHub.sha256(fake.content(FLUX)))),
                "the fetched blob was moved into the snapshot, not kept twice");
        int cdnBefore = fake.cdnRequests.size();
        DownloadPlan again = downloader().plan(hub, ModelSelection.fluxFill(), new Cancellation());
        assertTrue(again.needed().isEmpty(), "real files in the snapshot count as there: " + again.needed());
        assertEquals(cdnBefore, fake.cdnRequests.size());
    }

    @Test
    void theTokenGoesToTheHubButNeverToTheFileHost() throws Exception {
        fake.acceptedToken = FakeHub.TOKEN;

        fetchDefault(hub(FakeHub.TOKEN));

        List<RecordedRequest> resolves = fake.hubRequests.stream()
                .filter(r -> r.getUrl().encodedPath().contains("/resolve/")).toList();
        assertFalse(resolves.isEmpty());
        resolves.forEach(r -> assertEquals("Bearer " + FakeHub.TOKEN, r.getHeaders().get("Authorization")));
        assertFalse(fake.cdnRequests.isEmpty(), "LFS files came from the redirect target");
        fake.cdnRequests.forEach(r -> assertNull(r.getHeaders().get("Authorization"), r.getRequestLine()));
        assertArrayEquals(fake.content(FLUX), Files.readAllBytes(snapshotFile(FLUX)));
    }

    @Test
    void aConnectionDroppedMidFileResumesWithRangeAndIfRange() throws Exception {
        fake.fault(FLUX, FakeHub.Fault.DROP_MID_BODY);

        fetchDefault(hub(null));

        assertArrayEquals(fake.content(FLUX), Files.readAllBytes(snapshotFile(FLUX)));
        List<RecordedRequest> gets = fake.cdnRequestsFor(FLUX);
        assertEquals(2, gets.size(), "one cut short, one for the rest");
        assertNull(gets.get(0).getHeaders().get("Range"));
        String range = gets.get(1).getHeaders().get("Range");
        long resumedAt = Long.parseLong(range.replaceAll("bytes=(\\d+)-", "$1"));
        assertTrue(resumedAt > 0 && resumedAt < fake.content(FLUX).length, range);
        assertTrue(gets.get(1).getHeaders().get("If-Range").startsWith("\"cdn-"), "If-Range carries the file host's ETag");
        assertTrue(notes.stream().anyMatch(n -> n.contains("Connection lost in " + FLUX)), notes.toString());
    }

    /** Writes a partial download left by an earlier run: {@code bytes} under the .incomplete name, with a validator. */
    private Path leavePartial(String path, byte[] bytes, String validator) throws IOException {
        HubCache cache = hub(null).cache();
        String sha = FakeHub.sha256(fake.content(path));
        Path part = cache.incomplete(FakeHub.REPO, sha);
        Files.createDirectories(part.getParent());
        Files.write(part, bytes);
        Path v = cache.repoDir(FakeHub.REPO).resolve(".maskfill").resolve(sha + ".validator");
        Files.createDirectories(v.getParent());
        Files.writeString(v, validator);
        return part;
    }

    @Test
    void aPartialFileFromAnEarlierRunIsResumedNotRefetched() throws Exception {
        byte[] content = fake.content(FLUX);
        leavePartial(FLUX, java.util.Arrays.copyOf(content, 100_000),
                "\"cdn-" + FakeHub.sha256(content).substring(0, 12) + "\"");

        fetchDefault(hub(null));

        assertArrayEquals(content, Files.readAllBytes(snapshotFile(FLUX)));
        List<RecordedRequest> gets = fake.cdnRequestsFor(FLUX);
        assertEquals(1, gets.size());
        assertEquals("bytes=100000-", gets.get(0).getHeaders().get("Range"));
        long fetched = gets.get(0).getBodySize();
        assertTrue(progress.stream().filter(p -> p.file().path().equals(FLUX)).findFirst().orElseThrow().fileBytes()
                >= 100_000, "progress counts the bytes already there");
        assertTrue(fetched <= 0, "a GET carries no body");
    }

    @Test
    void aServerThatAnswers200ToARangeRequestRestartsTheFileCleanly() throws Exception {
        byte[] content = fake.content(FLUX);
        // Garbage in the partial file: appending the whole file to it would leave a file that is too long and wrong.
        byte[] garbage = new byte[200_000];
        java.util.Arrays.fill(garbage, (byte) 7);
        leavePartial(FLUX, garbage, "\"cdn-" + FakeHub.sha256(content).substring(0, 12) + "\"");
        fake.fault(FLUX, FakeHub.Fault.IGNORE_RANGE);

        fetchDefault(hub(null));

        assertArrayEquals(content, Files.readAllBytes(snapshotFile(FLUX)));
        assertEquals(1, fake.cdnRequestsFor(FLUX).size(), "the 200's body was used from its first byte");
        assertTrue(notes.stream().anyMatch(n -> n.contains("whole instead of the rest")), notes.toString());
    }

    @Test
    void aChangedFileOnTheServerIsFetchedWholeThroughIfRange() throws Exception {
        byte[] content = fake.content(FLUX);
        byte[] stale = new byte[150_000];
        java.util.Arrays.fill(stale, (byte) 3);
        leavePartial(FLUX, stale, "\"an-older-etag\"");

        fetchDefault(hub(null));

        assertArrayEquals(content, Files.readAllBytes(snapshotFile(FLUX)));
        RecordedRequest get = fake.cdnRequestsFor(FLUX).get(0);
        assertEquals("\"an-older-etag\"", get.getHeaders().get("If-Range"));
    }

    @Test
    void a416RestartsTheFileFromTheStart() throws Exception {
        byte[] content = fake.content(FLUX);
        leavePartial(FLUX, java.util.Arrays.copyOf(content, 64_000), "\"cdn-" + FakeHub.sha256(content).substring(0, 12)
                + "\"");
        fake.fault(FLUX, FakeHub.Fault.ANSWER_416);

        fetchDefault(hub(null));

        assertArrayEquals(content, Files.readAllBytes(snapshotFile(FLUX)));
        List<RecordedRequest> gets = fake.cdnRequestsFor(FLUX);
        assertEquals(2, gets.size());
        assertEquals("bytes=64000-", gets.get(0).getHeaders().get("Range"));
        assertNull(gets.get(1).getHeaders().get("Range"), "after a 416 the file starts again from nothing");
        assertTrue(notes.stream().anyMatch(n -> n.contains("HTTP 416")), notes.toString());
    }

    @Test
    void aFileWhoseSha256DiffersIsRefusedAndNeverTakesItsFinalName() throws Exception {
        fake.fault(AE, FakeHub.Fault.CORRUPT_BYTE);
        HubDownloader d = downloader();
        HubSettings hub = hub(null);
        DownloadPlan plan = d.plan(hub, ModelSelection.fluxFill(), new Cancellation());

        EngineException e = assertThrows(EngineException.class,
                () -> d.download(hub, plan, listener, new Cancellation()));

        assertEquals(EngineException.Category.PROVIDER_FAILED, e.category());
        String sha = FakeHub.sha256(fake.content(AE));
        assertTrue(e.getMessage().contains(AE) && e.getMessage().contains(sha), e.getMessage());
        HubCache cache = hub.cache();
        assertFalse(Files.exists(cache.blob(FakeHub.REPO, sha)));
        assertFalse(Files.exists(cache.incomplete(FakeHub.REPO, sha)), "the damaged bytes are deleted");
        assertFalse(Files.exists(snapshotFile(AE)));
        assertFalse(Files.exists(cache.repoDir(FakeHub.REPO).resolve("refs/main")),
                "main does not point at an incomplete snapshot");

        // Asked again, it is fetched afresh and accepted.
        d.download(hub, d.plan(hub, ModelSelection.fluxFill(), new Cancellation()), listener, new Cancellation());
        assertArrayEquals(fake.content(AE), Files.readAllBytes(snapshotFile(AE)));
    }

    @Test
    void aGatedRepositoryWithoutATokenSaysToSignInAndAcceptTheLicence() {
        fake.acceptedToken = FakeHub.TOKEN;

        EngineException e = assertThrows(EngineException.class,
                () -> downloader().plan(hub(null), ModelSelection.fluxFill(), new Cancellation()));

        assertEquals(EngineException.Category.AUTHENTICATION, e.category());
        assertTrue(e.getMessage().contains("sign in"), e.getMessage());
        assertTrue(e.getMessage().contains("https://huggingface.co/" + FakeHub.REPO), e.getMessage());
        assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());
    }

    @Test
    void aTokenWithoutTheLicenceAcceptedIsToldWhereToAcceptItAndIsNeverShown() {
        String token = "hf_NotAcceptedYet0123456789abcdefgh";
        fake.acceptedToken = FakeHub.TOKEN;
        fake.unacceptedToken = token;

        EngineException e = assertThrows(EngineException.class,
                () -> downloader().plan(hub(token), ModelSelection.fluxFill(), new Cancellation()));

        assertEquals(EngineException.Category.AUTHENTICATION, e.category());
        assertTrue(e.getMessage().contains("accept the licence at https://huggingface.co/" + FakeHub.REPO),
                e.getMessage());
        assertFalse(e.toString().contains(token), e.toString());
        assertFalse(e.toString().contains("NotAcceptedYet"), e.toString());
    }

    @Test
    void aRefusedTokenIsCalledInvalidNotGated() {
        fake.acceptedToken = FakeHub.TOKEN;
        String wrong = "hf_WrongToken0123456789abcdefghijkl";

        EngineException e = assertThrows(EngineException.class,
                () -> downloader().plan(hub(wrong), ModelSelection.fluxFill(), new Cancellation()));

        assertEquals(EngineException.Category.AUTHENTICATION, e.category());
        assertTrue(e.getMessage().contains("token was refused"), e.getMessage());
        assertFalse(e.toString().contains(wrong));
    }

    @Test
    void filesAlreadyInTheCacheAreNeverDownloadedTwice() throws Exception {
        fetchDefault(hub(null));
        int cdnBefore = fake.cdnRequests.size();
        long resolvesBefore = fake.hubRequests.stream().filter(r -> r.getUrl().encodedPath().contains("/resolve/"))
                .count();

        DownloadPlan again = downloader().plan(hub(null), ModelSelection.fluxFill(), new Cancellation());
        downloader().download(hub(null), again, listener, new Cancellation());

        assertTrue(again.needed().isEmpty(), again.needed().toString());
        assertEquals(0, again.bytesToFetch());
        assertEquals(cdnBefore, fake.cdnRequests.size());
        assertEquals(resolvesBefore, fake.hubRequests.stream()
                .filter(r -> r.getUrl().encodedPath().contains("/resolve/")).count());
    }

    @Test
    void thePlanSaysWhatIsNeededAndTheFreeSpace() throws Exception {
        DownloadPlan plan = downloader().plan(hub(null), ModelSelection.fluxFill(), new Cancellation());

        long expected = plan.files().stream().mapToLong(RepoFile::size).sum();
        assertEquals(expected, plan.bytesToFetch());
        assertEquals(11, plan.files().size(), plan.files().toString());
        assertTrue(plan.freeBytes() > 0);
        assertEquals(FakeHub.COMMIT, plan.commit());
        assertTrue(plan.files().stream().filter(f -> f.path().equals(FLUX)).findFirst().orElseThrow().lfs());
    }

    @Test
    void tooLittleDiskSpaceIsRefusedBeforeAnyByteWithBothFigures() throws Exception {
        HubDownloader d = downloader();
        DownloadPlan plan = d.plan(hub(null), ModelSelection.fluxFill(), new Cancellation());
        DownloadPlan huge = new DownloadPlan(plan.selection(), plan.commit(), plan.files(), plan.present(),
                plan.needed(), Long.MAX_VALUE / 2, plan.freeBytes(), plan.snapshot());

        EngineException e = assertThrows(EngineException.class,
                () -> d.download(hub(null), huge, listener, new Cancellation()));

        assertTrue(e.getMessage().startsWith("Not enough disk space"), e.getMessage());
        assertTrue(e.getMessage().contains("are free"), e.getMessage());
        assertTrue(fake.cdnRequests.isEmpty());
    }

    @Test
    void aDiskThatFillsUpMidFileIsSaidSoAndNothingTakesTheFinalName() throws Exception {
        // Linux's /dev/full answers every write with ENOSPC, as a disk that another program filled meanwhile.
        assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full");
        HubSettings hub = hub(null);
        HubDownloader d = downloader();
        ModelSelection onlyFlux = new ModelSelection(FakeHub.REPO, "main", List.of(FLUX));
        DownloadPlan plan = d.plan(hub, onlyFlux, new Cancellation());
        String sha = FakeHub.sha256(fake.content(FLUX));
        Path part = hub.cache().incomplete(FakeHub.REPO, sha);
        Files.createDirectories(part.getParent());
        Files.createSymbolicLink(part, Path.of("/dev/full"));

        EngineException e = assertThrows(EngineException.class, () -> d.download(hub, plan, listener,
                new Cancellation()));

        assertEquals(EngineException.Category.INVALID_INPUT, e.category(), "not a network fault, not retried");
        assertTrue(e.getMessage().contains("Cannot write " + FLUX) && e.getMessage().contains("disk full"),
                e.getMessage());
        assertFalse(Files.exists(hub.cache().blob(FakeHub.REPO, sha)));
        assertFalse(Files.exists(snapshotFile(FLUX)));
        assertEquals(1, fake.cdnRequestsFor(FLUX).size(), "a full disk is not a reason to fetch again");

        // Space again: the next run fetches it whole.
        Files.delete(part);
        d.download(hub, d.plan(hub, onlyFlux, new Cancellation()), listener, new Cancellation());
        assertArrayEquals(fake.content(FLUX), Files.readAllBytes(snapshotFile(FLUX)));
    }

    @Test
    void cancellingKeepsThePartialFileAndTheNextRunResumesIt() throws Exception {
        fake.fault(FLUX, FakeHub.Fault.SLOW);
        HubSettings hub = hub(null);
        HubDownloader d = downloader();
        DownloadPlan plan = d.plan(hub, new ModelSelection(FakeHub.REPO, "main", List.of(FLUX)), new Cancellation());
        Cancellation cancel = new Cancellation();
        AtomicReference<Boolean> cancelled = new AtomicReference<>(false);
        DownloadListener cancelMidway = p -> {
            if (p.fileBytes() > 40_000 && !cancelled.getAndSet(true)) {
                new Thread(cancel::cancel).start();
            }
        };

        EngineException e = assertThrows(EngineException.class, () -> d.download(hub, plan, cancelMidway, cancel));

        assertEquals(EngineException.Category.CANCELLED, e.category());
        String sha = FakeHub.sha256(fake.content(FLUX));
        Path part = hub.cache().incomplete(FakeHub.REPO, sha);
        long kept = Files.size(part);
        assertTrue(kept > 0 && kept < fake.content(FLUX).length, "kept " + kept);
        assertFalse(Files.exists(hub.cache().blob(FakeHub.REPO, sha)));
        assertFalse(Files.exists(snapshotFile(FLUX)));

        // A new downloader, as after a restart of the program.
        HubDownloader later = downloader();
        later.download(hub, later.plan(hub, new ModelSelection(FakeHub.REPO, "main", List.of(FLUX)),
                new Cancellation()), listener, new Cancellation());
        assertArrayEquals(fake.content(FLUX), Files.readAllBytes(snapshotFile(FLUX)));
        List<RecordedRequest> gets = fake.cdnRequestsFor(FLUX);
        assertTrue(gets.get(gets.size() - 1).getHeaders().get("Range").startsWith("bytes="),
                "the second run asked only for the rest");
    }

    @Test
    void progressReportsBytesRateAndTimeLeftUpToTheTotal() throws Exception {
        fake.fault(FLUX, FakeHub.Fault.SLOW);

        DownloadPlan done = fetchDefault(hub(null));

        DownloadProgress last = progress.get(progress.size() - 1);
        assertEquals(last.totalBytes(), last.doneBytes());
        assertEquals(done.files().stream().mapToLong(RepoFile::size).sum(), last.totalBytes());
        assertTrue(progress.stream().anyMatch(p -> p.bytesPerSecond() > 0 && p.timeLeft().isPresent()));
        assertTrue(last.describe().contains("MB/s") || last.describe().contains("/"), last.describe());
    }

    @Test
    void aHubThatKeepsFailingIsAServerFailureAndABusyOneANetworkOne() {
        fake.failWith = 500;
        EngineException failed = assertThrows(EngineException.class, () -> downloader().plan(hub(null),
                ModelSelection.fluxFill(), new Cancellation()));
        assertEquals(EngineException.Category.PROVIDER_FAILED, failed.category(), failed.getMessage());
        assertTrue(failed.getMessage().contains("HTTP 500"), failed.getMessage());

        fake.failWith = 503;
        EngineException busy = assertThrows(EngineException.class, () -> downloader().plan(hub(null),
                ModelSelection.fluxFill(), new Cancellation()));
        assertEquals(EngineException.Category.NETWORK, busy.category(), busy.getMessage());
    }

    @Test
    void offlineModeDownloadsNothing() {
        Map<String, String> env = Map.of("HF_ENDPOINT", fake.endpoint(), "HF_HOME", home.toString(),
                "HF_HUB_OFFLINE", "1");

        EngineException e = assertThrows(EngineException.class, () -> downloader()
                .plan(HubSettings.fromEnvironment(env), ModelSelection.fluxFill(), new Cancellation()));

        assertEquals(EngineException.Category.NETWORK, e.category());
        assertTrue(e.getMessage().contains("HF_HUB_OFFLINE"));
        assertTrue(fake.hubRequests.isEmpty());
    }

    @Test
    void anUnknownFileIsNamed() {
        EngineException e = assertThrows(EngineException.class, () -> downloader().plan(hub(null),
                new ModelSelection(FakeHub.REPO, "main", List.of("flux1-fill-dev-fp8.safetensors")),
                new Cancellation()));

        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("flux1-fill-dev-fp8.safetensors"), e.getMessage());
    }

    @Test
    void verifyFindsADamagedFileInTheCache() throws Exception {
        fetchDefault(hub(null));
        HubCache cache = hub(null).cache();
        List<RepoFile> listing = cache.readListing(FakeHub.REPO, FakeHub.COMMIT).orElseThrow();
        Path blob = snapshotFile(CLIP).toRealPath();
        byte[] bytes = Files.readAllBytes(blob);
        bytes[100] ^= 1;
        Files.write(blob, bytes);

        List<HubCache.FileCheck> checks = cache.verify(FakeHub.REPO, FakeHub.COMMIT, listing);

        assertEquals(List.of(CLIP), checks.stream().filter(c -> c.result() == HubCache.FileCheck.Result.DAMAGED)
                .map(c -> c.file().path()).toList());
        assertEquals(listing.size() - 1, checks.stream()
                .filter(c -> c.result() == HubCache.FileCheck.Result.OK).count());
        assertTrue(new String(Files.readAllBytes(cache.listingFile(FakeHub.REPO, FakeHub.COMMIT)),
                StandardCharsets.UTF_8).contains(FakeHub.sha256(fake.content(FLUX))));
    }
}
