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
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private NativeLibraries libraries() {
        return new NativeLibraries(LINUX, cache, site.base());
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
        assertEquals(names.stream().sorted().toList(), children(folder));
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

        assertEquals(names.stream().sorted().toList(), children(folder));
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
        NativeLibraries offline = new NativeLibraries(LINUX, cache, URI.create("http://127.0.0.1:" + port + "/pytorch"));

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
                new NativePlatform("2.7.1", "0.35.1", "linux-riscv64", "linux"), cache, site.base())
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
}
