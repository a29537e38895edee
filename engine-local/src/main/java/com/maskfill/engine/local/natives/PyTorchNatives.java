package com.maskfill.engine.local.natives;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes sure DJL finds libtorch before it is first loaded: picks the build (CUDA 12.8 when the GPU is wanted and an
 * NVIDIA driver is installed, else CPU), fetches it into the cache folder with progress if it is not there, and points
 * DJL at it through {@code PYTORCH_LIBRARY_PATH} and {@code PYTORCH_FLAVOR} (system properties; DJL reads the
 * environment first, so a user's own setting wins). Does nothing when a {@code pytorch-native-*} jar is on the class
 * path or {@code PYTORCH_LIBRARY_PATH} is already set: DJL then needs no download.
 */
public final class PyTorchNatives {

    public static final String CPU = "cpu";
    /** The only CUDA build DJL 0.35.1 publishes (and has a JNI bridge for) on Linux and Windows x86_64. */
    public static final String CU128 = "cu128";
    public static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";
    public static final String FLAVOR = "PYTORCH_FLAVOR";

    /** Where DJL will look once the libraries are in place. */
    @FunctionalInterface
    public interface Target {
        void use(Path folder, String flavor);
    }

    private final NativePlatform platform;
    private final boolean provided;
    private final boolean driver;
    private final Path djlCache;
    private final Function<String, LibraryDigests> pinned;
    private final Target target;

    /**
     * @param provided DJL already has libtorch (a native jar, or {@code PYTORCH_LIBRARY_PATH})
     * @param driver an NVIDIA driver is installed
     * @param djlCache DJL's engine cache for PyTorch, used when the engine has no cache folder
     * @param pinned the digests the libraries of each flavor must have ({@link LibraryDigests#pinned}; tests: fakes)
     */
    public PyTorchNatives(NativePlatform platform, boolean provided, boolean driver, Path djlCache,
            Function<String, LibraryDigests> pinned, Target target) {
        this.platform = platform;
        this.provided = provided;
        this.driver = driver;
        this.djlCache = djlCache;
        this.pinned = pinned;
        this.target = target;
    }

    /** This JVM and machine; the target sets DJL's system properties. */
    public static PyTorchNatives forThisMachine() {
        NativePlatform platform = NativePlatform.detect();
        boolean provided = platform.bundledIn(PyTorchNatives.class.getClassLoader()) || isSet(LIBRARY_PATH);
        return new PyTorchNatives(platform, provided, NvidiaDriver.present(),
                ai.djl.util.Utils.getEngineCacheDir("pytorch"), flavor -> LibraryDigests.pinned(platform, flavor),
                (folder, flavor) -> {
                    System.setProperty(LIBRARY_PATH, folder.toString());
                    System.setProperty(FLAVOR, flavor);
                    if (flavor.startsWith("cu")) {
                        // DJL counts GPUs through JNA's search for libcudart (see exposeCudaRuntime)
                        String jna = System.getProperty("jna.library.path", "");
                        System.setProperty("jna.library.path",
                                jna.isBlank() ? folder.toString() : folder + java.io.File.pathSeparator + jna);
                    }
                });
    }

    private static boolean isSet(String name) {
        String v = System.getenv(name);
        return (v != null && !v.isBlank()) || !System.getProperty(name, "").isBlank();
    }

    /** {@code <cache-dir>/pytorch}, else DJL's ({@code DJL_CACHE_DIR} or {@code ~/.djl.ai}, then {@code pytorch}). */
    public Path root(Path cacheDir) {
        return cacheDir != null ? cacheDir.resolve("pytorch") : djlCache;
    }

    /**
     * The build to use: {@code flavorOption} when given ({@code cpu}, {@code cu128}); otherwise cu128 when the GPU is
     * wanted, a driver is present and the JNI jar has a bridge for it; cpu otherwise.
     */
    public String flavor(String flavorOption, boolean cudaWanted) {
        if (flavorOption != null) {
            return flavorOption;
        }
        boolean cudaBridge = getClass().getClassLoader().getResource(platform.jniResource(CU128)) != null;
        return cudaWanted && driver && cudaBridge ? CU128 : CPU;
    }

    /**
     * Fetches what is missing and points DJL at it. Empty when DJL has its libraries already.
     *
     * @param cacheDir the engine's cache folder (null: DJL's)
     * @param baseUrl where the builds are published ({@link NativeLibraries#DEFAULT_BASE} or a mirror)
     * @param userDigests the user's {@code sha256sum} file for libraries this program has no digest of, or null
     * @param flavorOption null for automatic
     */
    public Optional<Path> prepare(Path cacheDir, URI baseUrl, Path userDigests, String flavorOption,
            boolean cudaWanted, NativeLibraries.Progress progress, Cancellation cancellation) throws EngineException {
        if (provided) {
            return Optional.empty();
        }
        String flavor = flavor(flavorOption, cudaWanted);
        Path folder = new NativeLibraries(platform, root(cacheDir), baseUrl, userDigests, pinned)
                .fetch(flavor, progress, cancellation);
        copyJniBridge(folder, flavor);
        if (flavor.startsWith("cu") && platform.osPrefix().equals("linux")) {
            exposeCudaRuntime(folder);
        }
        target.use(folder, flavor);
        return Optional.of(folder);
    }

    /**
     * DJL asks the CUDA runtime how many GPUs there are by loading {@code libcudart} through JNA, which looks for
     * {@code libcudart.so}; libtorch's CUDA build carries the runtime under a hashed name
     * ({@code libcudart-<hash>.so.12}), and a machine with only the driver has no other. A link under the plain name,
     * found through {@code jna.library.path}, keeps DJL from reporting no GPU. Not tried on a GPU machine yet.
     */
    void exposeCudaRuntime(Path folder) throws EngineException {
        Path plain = folder.resolve("libcudart.so");
        if (Files.exists(plain, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            Optional<Path> runtime = files.filter(p -> p.getFileName().toString().matches("libcudart[-.].*so.*"))
                    .findFirst();
            if (runtime.isPresent()) {
                Files.createSymbolicLink(plain, runtime.get().getFileName());
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new EngineException(EngineException.Category.PROVIDER_FAILED, "Cannot link the CUDA runtime in "
                    + folder + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * Puts DJL's JNI bridge next to libtorch under the name DJL looks for first, so that DJL writes nothing into its
     * own cache folder. A bridge already there that differs from the jar's (a hand copy) is replaced: DJL loads it.
     * Without the bridge in the jar DJL downloads it itself (a few MB).
     */
    private void copyJniBridge(Path folder, String flavor) throws EngineException {
        Path bridge = folder.resolve(platform.djlVersion() + "-" + platform.jniName());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(platform.jniResource(flavor))) {
            if (in == null) {
                return;
            }
            byte[] jar = in.readAllBytes();
            if (Files.isRegularFile(bridge) && Arrays.equals(jar, Files.readAllBytes(bridge))) {
                return;
            }
            Path temp = Files.createTempFile(folder, ".jni-", ".tmp");
            try {
                Files.write(temp, jar);
                Files.move(temp, bridge, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new EngineException(EngineException.Category.PROVIDER_FAILED, "Cannot write DJL's PyTorch bridge "
                    + bridge + ": " + e.getMessage(), null, e);
        }
    }
}
