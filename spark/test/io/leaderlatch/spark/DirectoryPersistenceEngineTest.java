package io.leaderlatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The persistence engine on a directory. */
class DirectoryPersistenceEngineTest extends PersistenceEngineContract {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Override
    RecoveryStore store() {
        return new DirectoryRecoveryStore(dir);
    }

    @Test
    void leavesNoPartialFileBehind() throws IOException {
        LeaderLatchPersistenceEngine engine = engine();
        engine.persist("worker_1", "state");

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("worker_1", ".fence", ".lock");
        }
    }
}
