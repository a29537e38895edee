package com.maskfill.engine.local.natives;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record, kept in a build's folder, of the libraries whose SHA-256 was checked there: name, digest, size and
 * modification time. While every library is still as recorded, later starts skip hashing several GB again; a library
 * added, replaced or changed in size or time is hashed again. (Whoever can write the cache folder can also rewrite this
 * record: it guards against a changed copy, not against the machine's own users.)
 */
final class LibrarySeal {

    static final String FILE = ".maskfill-verified";

    private LibrarySeal() {
    }

    /**
     * True when the seal lists exactly {@code libraries}, each unchanged since, with digests that agree with
     * {@code known}.
     */
    static boolean intact(Path folder, List<Path> libraries, LibraryDigests known) {
        Path seal = folder.resolve(FILE);
        if (!Files.isRegularFile(seal)) {
            return false;
        }
        try {
            Map<String, String[]> sealed = new HashMap<>();
            for (String line : Files.readAllLines(seal, StandardCharsets.UTF_8)) {
                String[] f = line.split(" ", 4);
                if (f.length == 4) {
                    sealed.put(f[3], f);
                }
            }
            if (sealed.size() != libraries.size()) {
                return false;
            }
            for (Path library : libraries) {
                String name = library.getFileName().toString();
                String[] f = sealed.get(name);
                if (f == null || !f[1].equals(Long.toString(Files.size(library)))
                        || !f[2].equals(Long.toString(Files.getLastModifiedTime(library).toMillis()))
                        || !known.of(name).map(f[0]::equals).orElse(false)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Records {@code digests} (name to hex) of the libraries in {@code folder} as they are now. */
    static void write(Path folder, Map<String, String> digests) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : digests.entrySet()) {
            Path library = folder.resolve(e.getKey());
            text.append(e.getValue()).append(' ').append(Files.size(library)).append(' ')
                    .append(Files.getLastModifiedTime(library).toMillis()).append(' ').append(e.getKey()).append('\n');
        }
        Files.writeString(folder.resolve(FILE), text, StandardCharsets.UTF_8);
    }
}
