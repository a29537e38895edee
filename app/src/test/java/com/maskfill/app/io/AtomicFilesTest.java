package com.maskfill.app.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSecondWriterDoesNotDeleteTheFileAFirstWriterIsStillWriting() throws Exception {
        Path target = dir.resolve("recovery.maskfill");
        CountDownLatch firstIsWriting = new CountDownLatch(1);
        CountDownLatch secondIsDone = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                AtomicFiles.write(target, temp -> {
                    Files.writeString(temp, "first");
                    firstIsWriting.countDown();
                    await(secondIsDone);
                });
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(firstIsWriting.await(10, TimeUnit.SECONDS));

        AtomicFiles.write(target, temp -> Files.writeString(temp, "second"));
        secondIsDone.countDown();

        first.get(10, TimeUnit.SECONDS); // its rename found its file
        assertEquals("first", Files.readString(target), "the last write to finish wins, whole");
        assertFalse(PartialWrites.exist(target));
    }

    @Test
    void aLiveProcesssFileStaysAndADeadOnesIsCleared() throws Exception {
        Path target = dir.resolve("settings.json");
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path live = Files.writeString(dir.resolve(".settings.json." + other.pid() + "-1.partial"), "half");
            Path old = Files.writeString(dir.resolve(".settings.json.123456.partial"), "half"); // no process id
            // This program's id, but written before it started: a dead program that had the same id.
            Path reused = Files.writeString(dir.resolve(".settings.json." + ProcessHandle.current().pid()
                    + "-2.partial"), "half");
            Files.setLastModifiedTime(reused, java.nio.file.attribute.FileTime.fromMillis(946_684_800_000L));
            AtomicFiles.write(target, temp -> Files.writeString(temp, "{}"));
            assertTrue(Files.exists(live), "another running program's write under way");
            assertFalse(Files.exists(old), "a leftover of a write killed long ago");
            assertFalse(Files.exists(reused), "a leftover of an earlier program with this one's id");

            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            AtomicFiles.write(target, temp -> Files.writeString(temp, "{}"));
            assertFalse(Files.exists(live), "its program is gone");
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void anOwnerOnlyAclListsOnlyTheOwnerWithFullAccess() throws Exception {
        RecordingAcl view = new RecordingAcl();

        AtomicFiles.restrictToOwner(view);

        assertEquals(1, view.acl.size());
        AclEntry entry = view.acl.get(0);
        assertEquals(AclEntryType.ALLOW, entry.type());
        assertEquals(RecordingAcl.OWNER, entry.principal());
        assertTrue(entry.permissions().containsAll(List.of(AclEntryPermission.READ_DATA,
                AclEntryPermission.WRITE_DATA, AclEntryPermission.DELETE)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What Windows' ACL view would be given; Linux file systems have none to test against. */
    private static final class RecordingAcl implements AclFileAttributeView {
        static final UserPrincipal OWNER = () -> "designer";
        List<AclEntry> acl = List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW)
                .setPrincipal(() -> "Everyone").setPermissions(AclEntryPermission.READ_DATA).build());

        @Override
        public String name() {
            return "acl";
        }

        @Override
        public List<AclEntry> getAcl() {
            return acl;
        }

        @Override
        public void setAcl(List<AclEntry> acl) {
            this.acl = acl;
        }

        @Override
        public UserPrincipal getOwner() {
            return OWNER;
        }

        @Override
        public void setOwner(UserPrincipal owner) {
            throw new UnsupportedOperationException();
        }
    }
}
