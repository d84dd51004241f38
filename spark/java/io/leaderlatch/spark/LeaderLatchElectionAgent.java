package io.leaderlatch.spark;

import io.leaderlatch.client.LeaderLatch;
import io.leaderlatch.client.LeaderLatchListener;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
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
 * master only of real changes. The term of each leadership goes to the master's {@link MasterTerm}
 * before the master hears of it, so that everything the master persists is fenced by it; a change
 * the recovery store refuses as fenced off ends the leadership as a loss does.
 */
public final class LeaderLatchElectionAgent implements LeaderElectionAgent {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderLatchElectionAgent.class);

    private final LeaderElectable master;
    private final LeaderLatch latch;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final String member;
    private final MasterTerm term;

    LeaderLatchElectionAgent(LeaderElectable master, String endpoints, String group, String clientName,
                             Duration confirmationWindow, MasterTerm term) {
        this.master = master;
        this.member = group + "/" + clientName;
        this.term = term;
        term.whenFencedOff(this::fencedOff);
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

    /** The recovery store refused a change of this master's: another master leads in a newer term. */
    private void fencedOff() {
        term.lost();
        if (!stopped.get() && leading.compareAndSet(true, false)) {
            LOG.error("{}: the recovery state belongs to a newer term; this master steps down", member);
            master.revokedLeadership();
        }
    }

    /** The latch calls these in order on one thread. */
    private final class Listener implements LeaderLatchListener {

        @Override
        public void leaderChanged(Optional<String> leader, OptionalLong leaderTerm) {
            LOG.info("{}: leader {}{}", member, leader.orElse("unknown (not connected)"),
                    leaderTerm.isPresent() ? " in term " + leaderTerm.getAsLong() : "");
        }

        @Override
        public void leadershipGained(OptionalLong leaderTerm) {
            if (!stopped.get() && leading.compareAndSet(false, true)) {
                if (leaderTerm.isEmpty()) {
                    LOG.warn("{}: the service tells no terms (it is older than this adapter): the recovery "
                            + "state is written without fencing", member);
                }
                // Before the master hears of it: it persists from then on, in this term.
                term.gained(leaderTerm);
                LOG.info("{}: the service names this master leader{}", member,
                        leaderTerm.isPresent() ? " in term " + leaderTerm.getAsLong() : "");
                master.electedLeader();
            }
        }

        @Override
        public void leadershipLost() {
            term.lost();
            if (!stopped.get() && leading.compareAndSet(true, false)) {
                LOG.warn("{}: leadership lost (another leader, or no confirmation from the service)", member);
                master.revokedLeadership();
            }
        }
    }
}
