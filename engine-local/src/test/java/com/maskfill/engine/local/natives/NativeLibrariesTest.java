package com.maskfill.engine.local.natives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching libtorch from a fake copy of DJL's download site into a temporary cache folder. */
class NativeLibrariesTest {

    static final NativePlatform LINUX = new NativePlatform("2.7.1", "0.35.1", "linux-x86_64", "linux");
    static final String CPU_LIB = "cpu/linux-x86_64/native/lib/";

    @TempDir
    Path cache;
    FakeNativeSite site;
    /** name -> uncompressed content of the cpu/linux-x86_64 files */
    final List<String> names = List.of("libc10.so", "libtorch.so", "libtorch_cpu.so", "libgomp-98b21ff3.so.1",
            "lib+odd name.so");
    long compressedTotal;
    /** The digests of the libraries as first served. */
    Function<String, LibraryDigests> pinned;

    @BeforeEach
    void serveFakeBuild() throws IOException {
        site = new FakeNativeSite();
        List<String> index = new ArrayList<>();
        for (String name : names) {
            String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + ".gz";
            byte[] gz = FakeNativeSite.gzip(FakeNativeSite.library(name, 20_000 + name.length() * 1000));
            site.put(CPU_LIB + encoded, gz);
            index.add(CPU_LIB + encoded);
            compressedTotal += gz.length;
        }
        // other builds in the same index must be left alone
        index.add("cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz");
        index.add("cpu/win-x86_64/native/lib/torch.dll.gz");
        site.index(index.toArray(String[]::new));
        pinned = site.pinned();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private NativeLibraries libraries() {
        return new NativeLibraries(LINUX, cache, site.base(), null, pinned);
    }

    /** The libraries and the record that they were checked. */
    private List<String> withSeal() {
        return java.util.stream.Stream.concat(names.stream(), Stream.of(LibrarySeal.FILE)).sorted().toList();
    }

    private static byte[] content(String name) {
        return FakeNativeSite.library(name, 20_000 + name.length() * 1000);
    }

    private long gzipGets() {
        return site.requests.stream().filter(r -> r.startsWith("GET") && r.endsWith(".gz")).count();
    }

    /** The cpu build copied into the cache folder by hand, as the manual steps say. */
    private Path copyByHand() throws IOException {
        Path folder = Files.createDirectories(cache.resolve("2.7.1-cpu-linux-x86_64"));
        for (String name : names) {
            Files.write(folder.resolve(name), content(name));
        }
        return folder;
    }

    private static List<String> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsTheFlavorsFilesIntoDjlsFolderLayoutReportingBytes() throws Exception {
        List<long[]> progress = new ArrayList<>();
        Path folder = libraries().fetch("cpu", (r, t) -> progress.add(new long[] {r, t}), new Cancellation());

        assertEquals(cache.toAbsolutePath().resolve("2.7.1-cpu-linux-x86_64"), folder);
        assertEquals(withSeal(), children(folder));
        for (String name : names) {
            assertArrayEquals(FakeNativeSite.library(name, 20_000 + name.length() * 1000),
                    Files.readAllBytes(folder.resolve(name)), name);
        }
        assertEquals(List.of("2.7.1-cpu-linux-x86_64"), children(cache), "no temporary folder is left");
        assertFalse(progress.isEmpty());
        for (int i = 0; i < progress.size(); i++) {
            assertEquals(compressedTotal, progress.get(i)[1], "total = the announced compressed sizes");
            assertTrue(i == 0 || progress.get(i)[0] >= progress.get(i - 1)[0], "bytes only grow");
        }
        assertEquals(compressedTotal, progress.get(progress.size() - 1)[0]);
        assertTrue(site.requests.stream().noneMatch(r -> r.contains("cu128") || r.contains("win-x86_64")),
                site.requests.toString());
    }

    @Test
    void librariesAlreadyInTheCacheAreUsedWithoutAnyRequest() throws Exception {
        libraries().fetch("cpu", (r, t) -> { }, new Cancellation());
        site.requests.clear();
        List<long[]> progress = new ArrayList<>();

        Path folder = libraries().fetch("cpu", (r, t) -> progress.add(new long[] {r, t}), new Cancellation());

        assertTrue(Files.isRegularFile(folder.resolve("libtorch.so")));
        assertEquals(List.of(), site.requests);
        assertEquals(List.of(), progress);
    }

    @Test
    void anUnfinishedCopyByHandIsReplacedByTheCompleteDownload() throws Exception {
        Path folder = Files.createDirectories(cache.resolve("2.7.1-cpu-linux-x86_64"));
        Files.write(folder.resolve("libc10.so"), new byte[] {1, 2, 3});

        libraries().fetch("cpu", (r, t) -> { }, new Cancellation());

        assertEquals(withSeal(), children(folder));
        assertEquals(20_000 + "libc10.so".length() * 1000, Files.size(folder.resolve("libc10.so")));
    }

    @Test
    void aMissingFileIsANetworkErrorNamingWhatWhereTheCacheAndTheManualSteps() throws Exception {
        site.handle(CPU_LIB + "libtorch_cpu.so.gz", exchange -> exchange.sendResponseHeaders(404, -1));

        EngineException e = assertThrows(EngineException.class,
                () -> libraries().fetch("cpu", (r, t) -> { }, new Cancellation()));

        assertEquals(EngineException.Category.NETWORK, e.category());
        String m = e.getMessage();
        for (String part : List.of("libtorch 2.7.1", "cpu build for linux-x86_64", site.base() + "2.7.1/",
                "HTTP 404", "cache folder " + cache.toAbsolutePath(), site.base() + "2.7.1/files.txt",
                "cpu/linux-x86_64/", "gunzip", cache.toAbsolutePath().resolve("2.7.1-cpu-linux-x86_64").toString(),
                "libtorch.so")) {
            assertTrue(m.contains(part), "'" + part + "' in: " + m);
        }
        assertEquals(List.of(), children(cache), "nothing half-written stays in the cache");
    }

    @Test
    void noServerIsANetworkErrorNamingTheCacheFolder() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        NativeLibraries offline = new NativeLibraries(LINUX, cache, URI.create("http://127.0.0.1:" + port + "/pytorch"),
                null, pinned);

        EngineException e = assertThrows(EngineException.class,
                () -> offline.fetch("cu128", (r, t) -> { }, new Cancellation()));

        assertEquals(EngineException.Category.NETWORK, e.category());
        assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
        assertTrue(e.getMessage().contains("http://127.0.0.1:" + port + "/pytorch/2.7.1/files.txt"), e.getMessage());
        assertTrue(e.getMessage().contains(cache.toAbsolutePath().resolve("2.7.1-cu128-linux-x86_64").toString()),
                e.getMessage());
        assertFalse(Files.exists(cache.resolve("2.7.1-cu128-linux-x86_64")));
    }

    @Test
    void aCorruptedFileFailsVerificationAndIsNotKept() throws Exception {
        byte[] gz = FakeNativeSite.gzip(FakeNativeSite.library("libtorch.so", 30_000));
        gz[gz.length - 6] ^= 0x55; // inside the CRC-32 of the gzip trailer
        site.put(CPU_LIB + "libtorch.so.gz", gz);

        EngineException e = assertThrows(EngineException.class,
                () -> libraries().fetch("cpu", (r, t) -> { }, new Cancellation()));

        assertEquals(EngineException.Category.NETWORK, e.category());
        assertTrue(e.getMessage().contains("ZipException"), e.getMessage());
        assertEquals(List.of(), children(cache));
    }

    @Test
    void anIndexWithoutTheBuildSaysNoneIsPublished() {
        EngineException e = assertThrows(EngineException.class, () -> new NativeLibraries(
                new NativePlatform("2.7.1", "0.35.1", "linux-riscv64", "linux"), cache, site.base(), null, pinned)
                .fetch("cpu", (r, t) -> { }, new Cancellation()));

        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("cpu on linux-riscv64"), e.getMessage());
    }

    @Test
    void cancellingBetweenFilesStopsBeforeTheNextFile() throws Exception {
        Cancellation cancellation = new Cancellation();

        EngineException e = assertThrows(EngineException.class,
                () -> libraries().fetch("cpu", (r, t) -> cancellation.cancel(), cancellation));

        assertEquals(EngineException.Category.CANCELLED, e.category());
        assertEquals(1, site.requests.stream().filter(r -> r.startsWith("GET") && r.endsWith(".gz")).count(),
                site.requests.toString());
        assertEquals(List.of(), children(cache));
    }

    @Test
    void cancellingWhileAFileStallsMidwayEndsTheDownloadAndLeavesNothing() throws Exception {
        byte[] gz = FakeNativeSite.gzip(FakeNativeSite.library("libtorch_cpu.so", 400_000));
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        site.handle(CPU_LIB + "libtorch_cpu.so.gz", exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(gz.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, gz.length);
            OutputStream out = exchange.getResponseBody();
            out.write(Arrays.copyOf(gz, gz.length / 3));
            out.flush();
            sending.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        Cancellation cancellation = new Cancellation();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Path> fetch = pool.submit(() -> libraries().fetch("cpu", (r, t) -> { }, cancellation));
            assertTrue(sending.await(20, TimeUnit.SECONDS), "the server started sending");
            Thread.sleep(200);
            long started = System.nanoTime();
            cancellation.cancel();

            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> fetch.get(10, TimeUnit.SECONDS));
            assertEquals(EngineException.Category.CANCELLED, ((EngineException) e.getCause()).category());
            System.out.println("native download cancel " + (System.nanoTime() - started) / 1_000_000 + " ms");
            assertEquals(List.of(), children(cache), "no half-written files stay");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aTamperedLibraryOfTheRightSizeIsRefusedAndNothingIsKept() throws Exception {
        byte[] tampered = content("libtorch_cpu.so");
        tampered[tampered.length / 2] ^= 0x01;
        site.put(CPU_LIB + "libtorch_cpu.so.gz", FakeNativeSite.gzip(tampered));

        EngineException e = assertThrows(EngineException.class,
                () -> libraries().fetch("cpu", (r, t) -> { }, new Cancellation()));

        assertEquals(EngineException.Category.NETWORK, e.category());
        for (String part : List.of("DigestMismatchException", "libtorch_cpu.so", FakeNativeSite.sha256(tampered),
                FakeNativeSite.sha256(content("libtorch_cpu.so")), "the test's pinned list", "nothing was loaded")) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
        assertEquals(List.of(), children(cache), "no folder DJL could load from");
    }

    @Test
    void aBuildWithALibraryWithoutADigestIsRefusedBeforeAnythingIsDownloaded() throws Exception {
        Function<String, LibraryDigests> allButOne = flavor -> LibraryDigests.of(names.stream()
                .filter(n -> !n.equals("libgomp-98b21ff3.so.1"))
                .collect(java.util.stream.Collectors.toMap(n -> n, n -> FakeNativeSite.sha256(content(n)))), "pins");

        EngineException e = assertThrows(EngineException.class, () -> new NativeLibraries(LINUX, cache, site.base(),
                null, allButOne).fetch("cpu", (r, t) -> { }, new Cancellation()));

        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        for (String part : List.of("no SHA-256 digest is known for libgomp-98b21ff3.so.1", "native-sha256",
                "SHA256SUMS", cache.toAbsolutePath().resolve("2.7.1-cpu-linux-x86_64").toString())) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
        assertEquals(0, gzipGets(), site.requests.toString());
        assertEquals(List.of(), children(cache));
    }

    @Test
    void theUsersDigestFileVouchesForLibrariesThePinnedListLacks() throws Exception {
        Path sums = Files.writeString(cache.resolveSibling(cache.getFileName() + "-user.sha256"),
                FakeNativeSite.sha256(content("lib+odd name.so")) + "  lib+odd name.so\n");
        Function<String, LibraryDigests> withoutOdd = flavor -> LibraryDigests.of(names.stream()
                .filter(n -> !n.startsWith("lib+"))
                .collect(java.util.stream.Collectors.toMap(n -> n, n -> FakeNativeSite.sha256(content(n)))), "pins");

        Path folder = new NativeLibraries(LINUX, cache, site.base(), sums, withoutOdd)
                .fetch("cpu", (r, t) -> { }, new Cancellation());

        assertArrayEquals(content("lib+odd name.so"), Files.readAllBytes(folder.resolve("lib+odd name.so")));
    }

    @Test
    void aUserDigestThatContradictsThePinnedOneIsRefused() throws Exception {
        Path sums = Files.writeString(cache.resolveSibling(cache.getFileName() + "-user.sha256"),
                "0".repeat(64) + "  libtorch.so\n");

        EngineException e = assertThrows(EngineException.class, () -> new NativeLibraries(LINUX, cache, site.base(),
                sums, pinned).fetch("cpu", (r, t) -> { }, new Cancellation()));

        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains(sums + " gives libtorch.so the SHA-256 " + "0".repeat(64)), e.getMessage());
        assertEquals(0, gzipGets());
    }

    @Test
    void librariesCopiedByHandAreCheckedOnceAndAgainWhenOneChanges() throws Exception {
        Path folder = copyByHand();

        assertEquals(folder.toAbsolutePath(), libraries().fetch("cpu", (r, t) -> { }, new Cancellation()));
        assertEquals(List.of(), site.requests);
        assertTrue(Files.isRegularFile(folder.resolve(LibrarySeal.FILE)), "checked once, then sealed");

        // the same size, other bytes, an older time (cp -p from a bad source)
        byte[] tampered = content("libc10.so");
        tampered[7] ^= 0x40;
        Files.write(folder.resolve("libc10.so"), tampered);
        Files.setLastModifiedTime(folder.resolve("libc10.so"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        EngineException e = assertThrows(EngineException.class,
                () -> libraries().fetch("cpu", (r, t) -> { }, new Cancellation()));

        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains(folder.toAbsolutePath().resolve("libc10.so") + " is not loaded: its SHA-256 is "
                + FakeNativeSite.sha256(tampered)), e.getMessage());
        assertEquals(List.of(), site.requests, "a bad copy is refused, not silently replaced");
    }

    @Test
    void aSha256SumsFileNextToAHandCopyIsHonouredAndAnUnlistedFileIsNamed() throws Exception {
        Path folder = copyByHand();
        StringBuilder sums = new StringBuilder();
        for (String name : names) {
            sums.append(FakeNativeSite.sha256(content(name))).append(" *").append(name).append('\n');
        }
        Files.writeString(folder.resolve(LibraryDigests.SUMS_FILE), sums);
        NativeLibraries nothingPinned = new NativeLibraries(LINUX, cache, site.base(), null,
                flavor -> LibraryDigests.none());

        assertEquals(folder.toAbsolutePath(), nothingPinned.fetch("cpu", (r, t) -> { }, new Cancellation()));

        Files.write(folder.resolve("libextra.so"), new byte[] {1, 2, 3});
        EngineException e = assertThrows(EngineException.class,
                () -> nothingPinned.fetch("cpu", (r, t) -> { }, new Cancellation()));
        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("no SHA-256 digest is known for libextra.so"), e.getMessage());
    }

    @Test
    void plainHttpIsRefusedForAnyHostButThisMachine() {
        for (String url : List.of("http://publish.djl.ai/pytorch/", "http://192.168.1.5/pytorch/", "ftp://x/")) {
            assertThrows(IllegalArgumentException.class,
                    () -> new NativeLibraries(LINUX, cache, URI.create(url), null, pinned), url);
        }
        for (String url : List.of("https://publish.djl.ai/pytorch/", "http://localhost:8080/", "http://[::1]/")) {
            new NativeLibraries(LINUX, cache, URI.create(url), null, pinned);
        }
    }

    @Test
    void aRedirectToPlainHttpElsewhereIsNotFollowed() throws Exception {
        site.handle("files.txt", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://192.0.2.7/pytorch/2.7.1/files.txt");
            exchange.sendResponseHeaders(302, -1);
        });

        EngineException e = assertThrows(EngineException.class,
                () -> libraries().fetch("cpu", (r, t) -> { }, new Cancellation()));

        assertEquals(EngineException.Category.NETWORK, e.category());
        assertTrue(e.getMessage().contains("redirects to http://192.0.2.7/pytorch/2.7.1/files.txt: plain http is "
                + "allowed only to this machine"), e.getMessage());
        assertEquals(List.of(), children(cache));
    }
}
