package com.maskfill.engine.local.natives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the libtorch build, fetching it only when DJL lacks one, and pointing DJL at it. */
class PyTorchNativesTest {

    @TempDir
    Path dir;
    FakeNativeSite site;
    final List<String> pointed = new ArrayList<>();

    @BeforeEach
    void serveBothBuilds() throws IOException {
        site = new FakeNativeSite();
        for (String flavor : List.of("cpu", "cu128")) {
            site.put(flavor + "/linux-x86_64/native/lib/libtorch.so.gz",
                    FakeNativeSite.gzip(FakeNativeSite.library(flavor, 5000)));
        }
        site.put("cu128/linux-x86_64/native/lib/libcudart-218eec4c.so.12.gz",
                FakeNativeSite.gzip(FakeNativeSite.library("cudart", 3000)));
        site.index("cpu/linux-x86_64/native/lib/libtorch.so.gz", "cu128/linux-x86_64/native/lib/libtorch.so.gz",
                "cu128/linux-x86_64/native/lib/libcudart-218eec4c.so.12.gz");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private PyTorchNatives natives(boolean provided, boolean driver) {
        return new PyTorchNatives(NativeLibrariesTest.LINUX, provided, driver, dir.resolve("djl-default"),
                site.pinned(), (folder, flavor) -> pointed.add(flavor + " " + folder));
    }

    private Optional<Path> prepare(PyTorchNatives natives, Path cacheDir, String flavorOption, boolean cuda)
            throws Exception {
        return natives.prepare(cacheDir, site.base(), null, flavorOption, cuda, (r, t) -> { }, new Cancellation());
    }

    @Test
    void aGpuWorkstationGetsTheCuda128BuildInTheEnginesCacheFolderAndDjlIsPointedThere() throws Exception {
        Path folder = prepare(natives(false, true), dir.resolve("cache"), null, true).orElseThrow();

        assertEquals(dir.resolve("cache/pytorch/2.7.1-cu128-linux-x86_64").toAbsolutePath(), folder);
        assertArrayEquals(FakeNativeSite.library("cu128", 5000), Files.readAllBytes(folder.resolve("libtorch.so")));
        assertEquals(List.of("cu128 " + folder), pointed);
        // DJL's GPU count loads libcudart by its plain name through JNA
        assertEquals(Path.of("libcudart-218eec4c.so.12"), Files.readSymbolicLink(folder.resolve("libcudart.so")));
        // DJL's JNI bridge for cu128 comes from the pytorch-jni jar, under the name DJL looks for first
        try (InputStream jar = getClass().getClassLoader()
                .getResourceAsStream("jnilib/linux-x86_64/cu128/libdjl_torch.so")) {
            assertArrayEquals(jar.readAllBytes(), Files.readAllBytes(folder.resolve("0.35.1-libdjl_torch.so")));
        }
    }

    @Test
    void aTamperedDownloadIsNeverHandedToDjl() throws Exception {
        PyTorchNatives natives = natives(false, true);
        site.put("cu128/linux-x86_64/native/lib/libtorch.so.gz",
                FakeNativeSite.gzip(FakeNativeSite.library("not cu128", 5000)));

        EngineException e = assertThrows(EngineException.class, () -> prepare(natives, dir.resolve("cache"), null,
                true));

        assertTrue(e.getMessage().contains("libtorch.so"), e.getMessage());
        assertEquals(List.of(), pointed);
        assertFalse(Files.exists(dir.resolve("cache/pytorch/2.7.1-cu128-linux-x86_64")));
    }

    @Test
    void aJniBridgeThatIsNotTheJarsIsReplacedBeforeDjlLoadsIt() throws Exception {
        Path folder = prepare(natives(false, true), dir.resolve("cache"), null, true).orElseThrow();
        Files.write(folder.resolve("0.35.1-libdjl_torch.so"), new byte[] {1, 2, 3});

        prepare(natives(false, true), dir.resolve("cache"), null, true);

        try (InputStream jar = getClass().getClassLoader()
                .getResourceAsStream("jnilib/linux-x86_64/cu128/libdjl_torch.so")) {
            assertArrayEquals(jar.readAllBytes(), Files.readAllBytes(folder.resolve("0.35.1-libdjl_torch.so")));
        }
    }

    @Test
    void withoutADriverOrWithTheCpuDeviceTheCpuBuildIsFetched() throws Exception {
        assertEquals("cpu", natives(false, false).flavor(null, true));
        assertEquals("cpu", natives(false, true).flavor(null, false));
        assertEquals("cu128", natives(false, false).flavor("cu128", false), "the native-flavor option decides");
        assertEquals("cpu", natives(false, true).flavor("cpu", true));

        Path folder = prepare(natives(false, false), null, null, true).orElseThrow();

        assertEquals(dir.resolve("djl-default/2.7.1-cpu-linux-x86_64").toAbsolutePath(), folder,
                "without a cache-dir option DJL's own cache folder is used");
        assertEquals(List.of("cpu " + folder), pointed);
    }

    @Test
    void whenDjlHasItsLibrariesNothingIsFetchedOrRedirected() throws Exception {
        Optional<Path> folder = natives(true, true).prepare(dir.resolve("cache"),
                URI.create("http://127.0.0.1:9/unreachable"), null, null, true, (r, t) -> { }, new Cancellation());

        assertEquals(Optional.empty(), folder);
        assertEquals(List.of(), pointed);
        assertEquals(List.of(), site.requests);
    }

    @Test
    void theBundledCpuJarOnTheTestClassPathIsRecognised() {
        NativePlatform here = NativePlatform.detect();
        assertEquals("2.7.1", here.version());
        assertEquals("0.35.1", here.djlVersion());
        // the build machine is Linux x86_64, for which pom.xml adds pytorch-native-cpu (test scope in effect)
        assertTrue(!here.classifier().equals("linux-x86_64") || here.bundledIn(getClass().getClassLoader()),
                here.toString());
    }
}
