package com.maskfill.engine.local.natives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SHA-256 digests of one libtorch build's libraries as they are loaded (unpacked), by file name: those this program
 * ships ({@value #PINNED}, with where each came from) and those the user gives (the {@code native-sha256} option, a
 * {@value #SUMS_FILE} file next to hand-copied libraries), in {@code sha256sum}'s format, {@code <sha256>  <name>} a
 * line. A library without a digest is never loaded; two sources that disagree about one file are refused.
 */
public final class LibraryDigests {

    /** The digest file a user may put next to libraries copied by hand. */
    public static final String SUMS_FILE = "SHA256SUMS";
    static final String PINNED = "libtorch-sha256.txt";

    private final Map<String, String> digests;
    private final Map<String, String> origins;

    private LibraryDigests(Map<String, String> digests, Map<String, String> origins) {
        this.digests = Map.copyOf(digests);
        this.origins = Map.copyOf(origins);
    }

    /** None: nothing may be loaded. */
    public static LibraryDigests none() {
        return new LibraryDigests(Map.of(), Map.of());
    }

    /** The digests this program ships for {@code flavor} of {@code platform}'s build (possibly none). */
    public static LibraryDigests pinned(NativePlatform platform, String flavor) {
        try (InputStream in = LibraryDigests.class.getResourceAsStream(PINNED)) {
            if (in == null) {
                throw new IllegalStateException(PINNED + " is missing from the engine's jar");
            }
            String prefix = platform.version() + "/" + flavor + "/" + platform.classifier() + "/";
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), prefix,
                    "the digest pinned for libtorch " + platform.version() + " " + flavor + " " + platform.classifier());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A user's {@code sha256sum} file: bare file names, for the build being fetched.
     *
     * @throws IllegalArgumentException naming the file and the line that is not {@code <sha256>  <name>}
     */
    public static LibraryDigests read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), "", file.toString());
    }

    /** Digests of the given names (tests). */
    static LibraryDigests of(Map<String, String> digests, String origin) {
        Map<String, String> origins = new LinkedHashMap<>();
        digests.keySet().forEach(name -> origins.put(name, origin));
        return new LibraryDigests(digests, origins);
    }

    /** Lines {@code <hex>  <prefix><name>}; other prefixes are skipped, as are blank lines and {@code #} comments. */
    static LibraryDigests parse(String text, String prefix, String origin) {
        Map<String, String> digests = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String path = parts.length == 2 ? parts[1].strip() : "";
            path = path.startsWith("*") ? path.substring(1) : path;
            if (!parts[0].matches("[0-9a-fA-F]{64}") || path.isEmpty()) {
                throw new IllegalArgumentException(origin + " line " + (i + 1) + " is not \"<sha256>  <file name>\": "
                        + line);
            }
            if (!path.startsWith(prefix)) {
                continue;
            }
            String name = path.substring(prefix.length());
            if (name.contains("/") || name.contains("\\")) {
                throw new IllegalArgumentException(origin + " line " + (i + 1) + " names a path, not a file name: "
                        + path);
            }
            digests.put(name, parts[0].toLowerCase(Locale.ROOT));
            origins.put(name, origin);
        }
        return new LibraryDigests(digests, origins);
    }

    /**
     * These digests and {@code more}'s.
     *
     * @throws IllegalArgumentException when both give a file different digests
     */
    public LibraryDigests and(LibraryDigests more) {
        Map<String, String> d = new LinkedHashMap<>(digests);
        Map<String, String> o = new LinkedHashMap<>(origins);
        for (Map.Entry<String, String> e : more.digests.entrySet()) {
            String mine = d.get(e.getKey());
            if (mine != null && !mine.equals(e.getValue())) {
                throw new IllegalArgumentException(more.origins.get(e.getKey()) + " gives " + e.getKey() + " the SHA-256 "
                        + e.getValue() + ", but " + o.get(e.getKey()) + " is " + mine);
            }
            d.put(e.getKey(), e.getValue());
            o.putIfAbsent(e.getKey(), more.origins.get(e.getKey()));
        }
        return new LibraryDigests(d, o);
    }

    /** The expected lower-case hex digest of {@code name}, if any source gives one. */
    public Optional<String> of(String name) {
        return Optional.ofNullable(digests.get(name));
    }

    /** Where the digest of {@code name} came from, for messages. */
    public String origin(String name) {
        return origins.getOrDefault(name, "no digest list");
    }

    public Set<String> names() {
        return digests.keySet();
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
