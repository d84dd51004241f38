package io.leaderlatch.spark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** How the masters of a trial recover: through the adapter, or Spark's built-in ZooKeeper mode. */
sealed interface Recovery {

    /** The {@code -D} properties that set a master up for this mode. */
    List<String> masterProperties();

    /**
     * The adapter: the leader-latch service at {@code endpoints}, state in {@code directory},
     * leadership confirmed within {@code confirmationWindow}.
     */
    record LeaderLatch(String endpoints, Path directory, Duration confirmationWindow) implements Recovery {
        @Override
        public List<String> masterProperties() {
            return List.of(
                    "-Dspark.deploy.recoveryMode=CUSTOM",
                    "-Dspark.deploy.recoveryMode.factory=" + LeaderLatchRecoveryModeFactory.class.getName(),
                    "-D" + AdapterSettings.ENDPOINTS + "=" + endpoints,
                    "-D" + AdapterSettings.DIRECTORY + "=" + directory,
                    "-D" + AdapterSettings.CONFIRMATION_WINDOW + "=" + confirmationWindow.toMillis() + "ms");
        }
    }

    /** Spark's own mode: a ZooKeeper ensemble at {@code connect}. */
    record ZooKeeper(String connect) implements Recovery {
        @Override
        public List<String> masterProperties() {
            return List.of(
                    "-Dspark.deploy.recoveryMode=ZOOKEEPER",
                    "-Dspark.deploy.zookeeper.url=" + connect);
        }
    }
}
