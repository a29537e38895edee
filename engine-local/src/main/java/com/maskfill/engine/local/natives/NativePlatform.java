package com.maskfill.engine.local.natives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Properties;

/**
 * Which libtorch build DJL's PyTorch engine wants on this machine, in DJL 0.35.1's own words: the libtorch version
 * from {@code pytorch-engine.properties}, the DJL version, and the classifier {@code <os>-<arch>}
 * ({@code linux-x86_64}, {@code win-x86_64}, {@code osx-aarch64}). DJL keeps one folder per build, named
 * {@code <version>-<flavor>-<classifier>}, which must hold {@code libtorch.so} / {@code torch.dll} /
 * {@code libtorch.dylib} and its sibling libraries.
 *
 * @param version libtorch version, e.g. {@code 2.7.1}
 * @param djlVersion e.g. {@code 0.35.1}; DJL names its JNI bridge {@code <djlVersion>-libdjl_torch.so}
 * @param classifier {@code <os>-<arch>} as DJL spells it
 * @param osPrefix {@code linux}, {@code win} or {@code osx}
 */
public record NativePlatform(String version, String djlVersion, String classifier, String osPrefix) {

    /** Reads the versions from the pytorch-engine jar's {@code pytorch-engine.properties} and the OS from the JVM. */
    public static NativePlatform detect() {
        Properties engine = properties(NativePlatform.class.getClassLoader(), "pytorch-engine.properties");
        String version = engine.getProperty("pytorch_version");
        String djl = engine.getProperty("djl_version");
        if (version == null || djl == null) {
            throw new IllegalStateException("pytorch-engine.properties (DJL's PyTorch engine jar) is missing or has "
                    + "no pytorch_version/djl_version");
        }
        String os = System.getProperty("os.name", "");
        String prefix = os.startsWith("Win") ? "win" : os.startsWith("Mac") ? "osx" : "linux";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        arch = arch.equals("amd64") ? "x86_64" : arch;
        return new NativePlatform(version, djl, prefix + "-" + arch, prefix);
    }

    /** DJL's folder name for one flavor ({@code cpu}, {@code cu128}) of this build. */
    public String folderName(String flavor) {
        return version + "-" + flavor + "-" + classifier;
    }

    /** The library whose presence tells DJL that a folder is complete. */
    public String libtorchName() {
        return switch (osPrefix) {
            case "win" -> "torch.dll";
            case "osx" -> "libtorch.dylib";
            default -> "libtorch.so";
        };
    }

    /** DJL's JNI bridge as it is named inside the pytorch-jni jar. */
    public String jniName() {
        return switch (osPrefix) {
            case "win" -> "djl_torch.dll";
            case "osx" -> "libdjl_torch.dylib";
            default -> "libdjl_torch.so";
        };
    }

    /** Where the pytorch-jni jar keeps the bridge for a flavor, e.g. {@code jnilib/linux-x86_64/cu128/libdjl_torch.so}. */
    public String jniResource(String flavor) {
        return "jnilib/" + classifier + "/" + flavor + "/" + jniName();
    }

    /**
     * True when a {@code pytorch-native-*} jar for this OS and architecture is on the class path (tests, development):
     * DJL then extracts libtorch from it and must not be redirected. DJL's {@code pytorch-native-auto} style
     * placeholder jars ({@code placeholder=true}) do not count.
     */
    public boolean bundledIn(ClassLoader loader) {
        try {
            Enumeration<URL> urls = loader.getResources("native/lib/pytorch.properties");
            while (urls.hasMoreElements()) {
                Properties p = new Properties();
                try (InputStream in = urls.nextElement().openStream()) {
                    p.load(in);
                }
                if (p.getProperty("placeholder") == null && classifier.equals(p.getProperty("classifier"))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(ClassLoader loader, String name) {
        Properties p = new Properties();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
