package io.leaderlatch.spark;

import io.leaderlatch.client.LeaderLatch;
import io.leaderlatch.client.LeaderLatchListener;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.deploy.master.LeaderElectable;
import org.apache.spark.deploy.master.LeaderElectionAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects one Spark master through the leader-latch service: the master joins the group on start;
 * when the service names it leader it is told {@code electedLeader()}, and when it stops leading,
 * a dropped connection included, {@code revokedLeadership()} (on which a Spark master exits, for
 * its supervisor to start it again as a standby). Like Spark's ZooKeeper agent, it tells the
 * master only of real changes.
 */
public final class LeaderLatchElectionAgent implements LeaderElectionAgent {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderLatchElectionAgent.class);

    private final LeaderElectable master;
    private final LeaderLatch latch;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final String member;

    LeaderLatchElectionAgent(LeaderElectable master, String endpoints, String group, String clientName,
                             Duration confirmationWindow) {
        this.master = master;
        this.member = group + "/" + clientName;
        this.latch = LeaderLatch.builder(group, clientName)
                .endpoints(endpoints)
                .listener(new Listener())
                .confirmationWindow(confirmationWindow)
                .build();
        LOG.info("Joining election group {} as {} through {}", group, clientName, endpoints);
        latch.start();
    }

    @Override
    public LeaderElectable masterInstance() {
        return master;
    }

    /** The leader the service last named to this master; empty while it is not connected. */
    Optional<String> currentLeader() {
        return latch.currentLeader();
    }

    /** Leaves the group: the master is stopping, so it is told nothing more. */
    @Override
    public void stop() {
        stopped.set(true);
        latch.close();
    }

    /** The latch calls these in order on one thread. */
    private final class Listener implements LeaderLatchListener {

        @Override
        public void leaderChanged(Optional<String> leader) {
            LOG.info("{}: leader {}", member, leader.orElse("unknown (not connected)"));
        }

        @Override
        public void leadershipGained() {
            if (!stopped.get() && leading.compareAndSet(false, true)) {
                LOG.info("{}: the service names this master leader", member);
                master.electedLeader();
            }
        }

        @Override
        public void leadershipLost() {
            if (!stopped.get() && leading.compareAndSet(true, false)) {
                LOG.warn("{}: leadership lost (another leader, or no confirmation from the service)", member);
                master.revokedLeadership();
            }
        }
    }
}
