package io.leaderlatch.testing.riak;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link RiakTestCluster} before each test and closes it after, so every test begins
 * with empty state and no faults. Register it on a static or instance field:
 * {@code @RegisterExtension static final RiakTestClusterExtension riak = RiakTestClusterExtension.withNodes(3);}
 */
public final class RiakTestClusterExtension implements BeforeEachCallback, AfterEachCallback {

    private final int nodes;
    private RiakTestCluster cluster;

    private RiakTestClusterExtension(int nodes) {
        this.nodes = nodes;
    }

    public static RiakTestClusterExtension withNodes(int nodes) {
        return new RiakTestClusterExtension(nodes);
    }

    /** The current test's cluster. */
    public RiakTestCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the Riak test cluster runs only while a test runs");
        }
        return cluster;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster = RiakTestCluster.start(nodes);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
