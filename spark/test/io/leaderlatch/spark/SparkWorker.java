package io.leaderlatch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An unpatched {@code org.apache.spark.deploy.worker.Worker} in its own JVM, given every master. */
final class SparkWorker {

    private static final String MAIN = "org.apache.spark.deploy.worker.Worker";

    private SparkWorker() {
    }

    static ChildProcess start(SparkJvm jvm, List<SparkMaster> masters) {
        return start(jvm, Placement.LOOPBACK, masters);
    }

    /** As above, on {@code placement}'s host. */
    static ChildProcess start(SparkJvm jvm, Placement placement, List<SparkMaster> masters) {
        return start(jvm, placement, "worker", masters);
    }

    /** As above, named {@code name} (its log and work directory), given only {@code masters}. */
    static ChildProcess start(SparkJvm jvm, Placement placement, String name, List<SparkMaster> masters) {
        String url = "spark://" + String.join(",", masters.stream().map(SparkMaster::address).toList());
        try {
            Path workDir = Files.createDirectories(jvm.logDir().resolve(name + "-work"));
            return jvm.start(placement, name, List.of(), MAIN, List.of(url,
                    "--host", placement.host(),
                    "--port", Integer.toString(FreePorts.pick()),
                    "--webui-port", Integer.toString(FreePorts.pick()),
                    "--cores", "1",
                    "--memory", "256m",
                    "--work-dir", workDir.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
