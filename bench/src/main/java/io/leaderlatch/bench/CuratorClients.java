package io.leaderlatch.bench;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** How the benchmark builds its Curator clients and names its latches, in one place. */
final class CuratorClients {

    /** Curator's own default session timeout; ZooKeeper caps it at 20 ticks (20 s here). */
    static final int DEFAULT_SESSION_TIMEOUT_MS = 60_000;
    /** The session timeout of the crash scenario's leader. */
    static final int CRASH_SESSION_TIMEOUT_MS = 2_000;

    private CuratorClients() {
    }

    static CuratorFramework create(String connectString, int sessionTimeoutMs) {
        return CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(15_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 3))
                .build();
    }

    static String latchPath(String group) {
        return "/leader-latch-bench/" + group;
    }
}
