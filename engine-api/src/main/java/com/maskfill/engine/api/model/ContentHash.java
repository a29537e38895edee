package com.maskfill.engine.api.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest a {@link RepoFile} is listed with, fed as bytes arrive: SHA-256 of the content for LFS files, and for
 * small git files the git blob id (SHA-1 of {@code "blob <size>\0"} then the content). One rule for the downloader,
 * which hashes while it writes, and for {@code verify}, which hashes what is on disk.
 */
public final class ContentHash {

    private final RepoFile file;
    private final MessageDigest digest;
    private long count;

    public ContentHash(RepoFile file) {
        this.file = file;
        try {
            digest = MessageDigest.getInstance(file.lfs() ? "SHA-256" : "SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256 and SHA-1", e);
        }
        if (!file.lfs()) {
            digest.update(("blob " + file.size() + "\0").getBytes(StandardCharsets.US_ASCII));
        }
    }

    public void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
        count += length;
    }

    public void update(java.nio.ByteBuffer buffer) {
        count += buffer.remaining();
        digest.update(buffer);
    }

    /** Feeds the first {@code length} bytes of {@code path} (the part already downloaded, when resuming). */
    public void updateFrom(Path path, long length) throws IOException {
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(path)) {
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(path + " is shorter than " + length + " bytes");
                }
                update(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** Feeds the first {@code length} bytes read through {@code channel} (positional reads: its position stays). */
    public void updateFrom(java.nio.channels.FileChannel channel, long length) throws IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20);
        long at = 0;
        while (at < length) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), length - at));
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("the file is shorter than " + length + " bytes");
            }
            buffer.flip();
            update(buffer);
            at += n;
        }
    }

    public long count() {
        return count;
    }

    /** Null when the bytes fed are the listed file; otherwise what differs, in a sentence. */
    public String mismatch() {
        if (count != file.size()) {
            return file.path() + " has " + count + " bytes, the listing says " + file.size();
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        String expected = file.etag();
        if (!actual.equals(expected)) {
            return file.path() + " has " + (file.lfs() ? "sha256 " : "git blob id ") + actual + ", the listing says "
                    + expected;
        }
        return null;
    }

    /** Hashes a whole file on disk against its listing. */
    public static String mismatchOf(RepoFile file, Path onDisk) throws IOException {
        ContentHash hash = new ContentHash(file);
        long size = Files.size(onDisk);
        if (size != file.size()) {
            return file.path() + " has " + size + " bytes, the listing says " + file.size();
        }
        hash.updateFrom(onDisk, size);
        return hash.mismatch();
    }
}
