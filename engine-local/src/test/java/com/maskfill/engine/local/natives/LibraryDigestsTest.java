package com.maskfill.engine.local.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The digests this program pins, and the sha256sum files users give. */
class LibraryDigestsTest {

    @Test
    void thePinnedCpuDigestsAreThoseOfTheLibrariesInDjlsCpuJarFromMavenCentral() throws IOException {
        LibraryDigests pinned = LibraryDigests.pinned(NativeLibrariesTest.LINUX, "cpu");
        Properties jar = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            jar.load(in);
        }
        assertEquals(new TreeSet<>(Set.of(jar.getProperty("libraries").split(","))), new TreeSet<>(pinned.names()),
                "every library of the build has a digest");
        for (String name : pinned.names()) {
            MessageDigest sha256 = LibraryDigests.newDigest();
            try (InputStream in = getClass().getClassLoader()
                    .getResourceAsStream("pytorch/cpu/linux-x86_64/" + name)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha256.update(buffer, 0, n);
                }
            }
            assertEquals(HexFormat.of().formatHex(sha256.digest()), pinned.of(name).orElseThrow(), name);
        }
    }

    @Test
    void buildsNobodyCheckedHaveNoDigests() {
        assertTrue(LibraryDigests.pinned(NativeLibrariesTest.LINUX, "cu128").names().isEmpty());
        assertTrue(LibraryDigests.pinned(new NativePlatform("2.7.1", "0.35.1", "win-x86_64", "win"), "cpu").names()
                .isEmpty());
        assertTrue(LibraryDigests.pinned(new NativePlatform("2.8.0", "0.36.0", "linux-x86_64", "linux"), "cpu")
                .names().isEmpty(), "another libtorch version needs its own lines");
    }

    @Test
    void sha256sumLinesAreReadInTextAndBinaryModeAndOtherLinesAreNamed() {
        String a = "a".repeat(64);
        String b = "B".repeat(64);
        LibraryDigests d = LibraryDigests.parse("# made on my workstation\n" + a + "  libtorch.so\n\n" + b
                + " *libc10.so\n", "", "sums.txt");
        assertEquals(Map.of("libtorch.so", a, "libc10.so", b.toLowerCase()),
                Map.of("libtorch.so", d.of("libtorch.so").orElseThrow(), "libc10.so", d.of("libc10.so").orElseThrow()));
        assertEquals("sums.txt", d.origin("libc10.so"));

        IllegalArgumentException short_ = assertThrows(IllegalArgumentException.class,
                () -> LibraryDigests.parse(a + "\nabc  libtorch.so\n", "", "sums.txt"));
        assertTrue(short_.getMessage().contains("sums.txt line 1"), short_.getMessage());
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> LibraryDigests.parse(a + "  lib/libtorch.so\n", "", "sums.txt"));
        assertTrue(path.getMessage().contains("names a path"), path.getMessage());
    }

    @Test
    void twoSourcesThatDisagreeAboutAFileAreRefused() {
        LibraryDigests pinned = LibraryDigests.of(Map.of("libtorch.so", "a".repeat(64)), "the pinned list");
        LibraryDigests same = LibraryDigests.of(Map.of("libtorch.so", "a".repeat(64), "x.so", "c".repeat(64)), "mine");
        assertEquals(Set.of("libtorch.so", "x.so"), pinned.and(same).names());
        assertEquals("the pinned list", pinned.and(same).origin("libtorch.so"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pinned.and(LibraryDigests.of(Map.of("libtorch.so", "b".repeat(64)), "mine")));
        assertEquals("mine gives libtorch.so the SHA-256 " + "b".repeat(64) + ", but the pinned list is "
                + "a".repeat(64), e.getMessage());
    }
}
