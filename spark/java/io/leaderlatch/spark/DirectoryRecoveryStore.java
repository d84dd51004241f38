package io.leaderlatch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One file per entry in a directory, as Spark's own FILESYSTEM recovery mode keeps it: for a single
 * machine, or a directory every master mounts (with working file locks: a local file system, or
 * NFS with its lock service).
 *
 * <p>Fencing: the file {@code .fence} holds the newest term that claimed or changed the state.
 * Every change checks it and is made visible (a rename, a delete) under an exclusive lock of
 * {@code .lock}, held by one process at a time, so that a change in an older term than the fence
 * is refused and none can slip in between a check and a claim. The lock is held only for a check
 * and a rename; a master paused while it holds it delays the others until it runs again or dies
 * (the kernel then releases it).
 */
final class DirectoryRecoveryStore implements RecoveryStore {

    /** Entries are written under this prefix first and renamed, so a reader never sees half a file. */
    private static final String PARTIAL = ".partial-";
    private static final String FENCE = ".fence";
    private static final String LOCK = ".lock";
    /**
     * File locks belong to the whole process: a second lock of the same file from this JVM would
     * fail rather than wait, so the stores of one JVM take turns here first.
     */
    private static final Object PROCESS_LOCK = new Object();

    private final Path directory;

    /** A change made under the lock; may throw {@link IOException}. */
    private interface Locked {
        void run(long fence) throws IOException;
    }

    DirectoryRecoveryStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recovery directory " + directory, e);
        }
    }

    @Override
    public synchronized void claim(long term) {
        underLock(term, fence -> raiseFence(fence, term));
    }

    @Override
    public synchronized void put(String name, byte[] bytes, long term) {
        Path target = entry(name);
        Path partial = writePartial(bytes);
        try {
            underLock(term, fence -> {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                raiseFence(fence, term);
            });
        } finally {
            deleteQuietly(partial);
        }
    }

    @Override
    public synchronized void remove(String name, long term) {
        Path target = entry(name);
        underLock(term, fence -> {
            Files.deleteIfExists(target);
            raiseFence(fence, term);
        });
    }

    @Override
    public List<byte[]> readAll(String prefix) {
        List<byte[]> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, path -> isEntry(path, prefix))) {
            for (Path file : files) {
                try {
                    entries.add(Files.readAllBytes(file));
                } catch (NoSuchFileException removedMeanwhile) {
                    // Removed between the listing and the read: no longer part of the state.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recovery directory " + directory, e);
        }
        return entries;
    }

    /** The newest term that claimed or changed the state; 0 if none. */
    long storedTerm() {
        try {
            return readFence();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.resolve(FENCE), e);
        }
    }

    @Override
    public void close() {
        // Nothing held open between calls.
    }

    /** Takes the lock, refuses {@code term} if the fence is newer, else runs {@code change}. */
    private void underLock(long term, Locked change) {
        synchronized (PROCESS_LOCK) {
            underFileLock(term, change);
        }
    }

    private void underFileLock(long term, Locked change) {
        try (FileChannel lockFile = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            long fence = readFence();
            if (term != MasterTerm.UNFENCED && fence > term) {
                throw FencedOffException.olderTerm(term, fence, "the recovery directory " + directory);
            }
            change.run(fence);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change the recovery directory " + directory, e);
        }
    }

    private long readFence() throws IOException {
        try {
            String text = Files.readString(directory.resolve(FENCE), StandardCharsets.US_ASCII).trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IOException("not a term in " + directory.resolve(FENCE) + ": '" + text + "'", e);
            }
        } catch (NoSuchFileException noneYet) {
            return 0;
        }
    }

    private void raiseFence(long fence, long term) throws IOException {
        if (term > fence) {
            Path partial = writePartial((term + "\n").getBytes(StandardCharsets.US_ASCII));
            try {
                Files.move(partial, directory.resolve(FENCE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                deleteQuietly(partial);
            }
        }
    }

    /**
     * Writes {@code bytes} to a new file of a name no other writer uses and forces it to disk: a
     * master that dies after the rename must not leave an entry a successor cannot read.
     */
    private Path writePartial(byte[] bytes) {
        // Random, so that two masters (one of them stale) never write the same partial file.
        Path partial = directory.resolve(PARTIAL + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return partial;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("cannot write " + partial, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Only a leftover partial file, which no reader takes for an entry.
        }
    }

    private static boolean isEntry(Path path, String prefix) {
        String name = path.getFileName().toString();
        return name.startsWith(prefix) && !name.startsWith(".");
    }

    /** Spark's names are ids of letters, digits, '-' and '_'; anything else could leave the directory. */
    private Path entry(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("not an entry name: " + name);
        }
        return directory.resolve(name);
    }
}
