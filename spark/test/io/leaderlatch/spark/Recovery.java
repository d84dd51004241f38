package io.leaderlatch.spark;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How the masters of a trial recover: through the adapter, or Spark's built-in ZooKeeper mode. */
sealed interface Recovery {

    /** The {@code -D} properties that set a master up for this mode. */
    List<String> masterProperties();

    /**
     * The adapter: the leader-latch service at {@code endpoints}, state where {@code persistence}
     * (the {@code -D} properties of {@link #directory} or {@link #riak}) says, leadership confirmed
     * within {@code confirmationWindow}.
     */
    record LeaderLatch(String endpoints, List<String> persistence, Duration confirmationWindow) implements Recovery {
        @Override
        public List<String> masterProperties() {
            List<String> properties = new ArrayList<>(List.of(
                    "-Dspark.deploy.recoveryMode=CUSTOM",
                    "-Dspark.deploy.recoveryMode.factory=" + LeaderLatchRecoveryModeFactory.class.getName(),
                    "-D" + AdapterSettings.ENDPOINTS + "=" + endpoints,
                    "-D" + AdapterSettings.CONFIRMATION_WINDOW + "=" + confirmationWindow.toMillis() + "ms"));
            properties.addAll(persistence);
            return properties;
        }

        static List<String> directory(Path directory) {
            return List.of("-D" + AdapterSettings.DIRECTORY + "=" + directory);
        }

        static List<String> riak(List<InetSocketAddress> nodes) {
            return List.of("-D" + AdapterSettings.PERSISTENCE + "=riak",
                    "-D" + AdapterSettings.RIAK_ENDPOINTS + "=" + nodes.stream()
                            .map(node -> node.getHostString() + ":" + node.getPort()).collect(Collectors.joining(",")));
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
