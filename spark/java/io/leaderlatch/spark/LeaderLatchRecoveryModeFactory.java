package io.leaderlatch.spark;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.master.LeaderElectable;
import org.apache.spark.deploy.master.LeaderElectionAgent;
import org.apache.spark.deploy.master.PersistenceEngine;
import org.apache.spark.deploy.master.StandaloneRecoveryModeFactory;
import org.apache.spark.serializer.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark standalone recovery through the leader-latch service: the class a master names in
 * {@code spark.deploy.recoveryMode.factory} with {@code spark.deploy.recoveryMode=CUSTOM}.
 * Settings come from {@code spark.deploy.leaderlatch.*} ({@link AdapterSettings}); a missing or
 * invalid one is logged as one ERROR line naming the key, then fails this constructor. Spark logs
 * that failure only as "Ignoring error" with the cause many lines down its stack trace, and such a
 * master never leaves STANDBY: the line of its own is what an operator finds.
 */
public final class LeaderLatchRecoveryModeFactory extends StandaloneRecoveryModeFactory {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderLatchRecoveryModeFactory.class);

    private final AdapterSettings settings;
    private final Serializer serializer;
    /** Spark asks one factory for the master's persistence engine and its election agent: they share it. */
    private final MasterTerm term = new MasterTerm();

    /** The constructor Spark's master calls, by reflection, with exactly these parameters. */
    public LeaderLatchRecoveryModeFactory(SparkConf conf, Serializer serializer) {
        super(conf, serializer);
        this.settings = read(conf);
        this.serializer = serializer;
    }

    private static AdapterSettings read(SparkConf conf) {
        try {
            return AdapterSettings.read(key -> Optional.ofNullable(conf.get(key, null)));
        } catch (IllegalArgumentException e) {
            LOG.error("Leader latch recovery cannot start: {}. This master stays in STANDBY until restarted with"
                    + " the setting fixed.", e.getMessage());
            throw e;
        }
    }

    @Override
    public PersistenceEngine createPersistenceEngine() {
        return new LeaderLatchPersistenceEngine(new RecoveryState(open(settings), serializer, term));
    }

    private static RecoveryStore open(AdapterSettings settings) {
        if (settings.persistence() instanceof AdapterSettings.Persistence.Riak riak) {
            return new RiakRecoveryStore(riak.nodes(), riak.bucketType(), riak.bucket(), settings.group());
        }
        if (settings.persistence() instanceof AdapterSettings.Persistence.Directory directory) {
            return new DirectoryRecoveryStore(directory.path());
        }
        throw new IllegalArgumentException("no recovery store for " + settings.persistence());
    }

    @Override
    public LeaderElectionAgent createLeaderElectionAgent(LeaderElectable master) {
        String name = settings.clientName().orElseGet(() -> MasterNames.defaultName(master));
        return new LeaderLatchElectionAgent(master, settings.endpoints(), settings.group(), name,
                settings.confirmationWindow(), term);
    }
}
