package io.leaderlatch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One file per entry in a directory, as Spark's own FILESYSTEM recovery mode keeps it: for a single
 * machine, or a directory every master mounts.
 */
final class DirectoryRecoveryStore implements RecoveryStore {

    /** Entries are written under this prefix first and renamed, so a reader never sees half a file. */
    private static final String PARTIAL = ".partial-";

    private final Path directory;

    DirectoryRecoveryStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recovery directory " + directory, e);
        }
    }

    @Override
    public void put(String name, byte[] bytes) {
        Path target = entry(name);
        Path partial = directory.resolve(PARTIAL + name);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // On disk before the rename makes it visible: a master that dies next must not leave
            // an entry that a successor cannot read.
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + partial + " to " + target, e);
        }
    }

    @Override
    public void remove(String name) {
        try {
            Files.deleteIfExists(entry(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + entry(name), e);
        }
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

    @Override
    public void close() {
        // Nothing held open between calls.
    }

    private static boolean isEntry(Path path, String prefix) {
        String name = path.getFileName().toString();
        return name.startsWith(prefix) && !name.startsWith(PARTIAL);
    }

    /** Spark's names are ids of letters, digits, '-' and '_'; anything else could leave the directory. */
    private Path entry(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("not an entry name: " + name);
        }
        return directory.resolve(name);
    }
}
