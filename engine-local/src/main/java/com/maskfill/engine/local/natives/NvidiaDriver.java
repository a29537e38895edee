package com.maskfill.engine.local.natives;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an NVIDIA driver is installed, judged from files only so that nothing is loaded before libtorch is chosen.
 * DJL's own check loads the CUDA runtime ({@code libcudart}), which a machine with only the driver lacks, so it would
 * pick the CPU build on exactly the workstations that need the CUDA one.
 */
public final class NvidiaDriver {

    private NvidiaDriver() {
    }

    /** The driver's user-space library (libcuda / nvcuda.dll) or its kernel module's proc file is present. */
    public static boolean present() {
        String os = System.getProperty("os.name", "");
        if (os.startsWith("Win")) {
            String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
            return Files.isRegularFile(Path.of(root, "System32", "nvcuda.dll"));
        }
        if (!os.startsWith("Linux")) {
            return false;
        }
        if (Files.exists(Path.of("/proc/driver/nvidia/version"))) {
            return true;
        }
        return linuxLibraryDirs().stream().anyMatch(d -> Files.exists(d.resolve("libcuda.so.1")));
    }

    private static List<Path> linuxLibraryDirs() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"),
                Path.of("/usr/lib"), Path.of("/usr/lib/wsl/lib")));
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String part : ld.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part));
                }
            }
        }
        return dirs;
    }
}
