package io.leaderlatch.spark;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.master.LeaderElectable;
import org.apache.spark.deploy.master.LeaderElectionAgent;
import org.apache.spark.deploy.master.PersistenceEngine;
import org.apache.spark.deploy.master.StandaloneRecoveryModeFactory;
import org.apache.spark.serializer.Serializer;

/**
 * Spark standalone recovery through the leader-latch service: the class a master names in
 * {@code spark.deploy.recoveryMode.factory} with {@code spark.deploy.recoveryMode=CUSTOM}.
 * Settings come from {@code spark.deploy.leaderlatch.*} ({@link AdapterSettings}); a missing or
 * invalid one fails this constructor with a message that names the key, which the master logs
 * (Spark ignores the error otherwise: such a master never leaves STANDBY).
 */
public final class LeaderLatchRecoveryModeFactory extends StandaloneRecoveryModeFactory {

    private final AdapterSettings settings;
    private final Serializer serializer;
    /** Spark asks one factory for the master's persistence engine and its election agent: they share it. */
    private final MasterTerm term = new MasterTerm();

    /** The constructor Spark's master calls, by reflection, with exactly these parameters. */
    public LeaderLatchRecoveryModeFactory(SparkConf conf, Serializer serializer) {
        super(conf, serializer);
        this.settings = AdapterSettings.read(key -> Optional.ofNullable(conf.get(key, null)));
        this.serializer = serializer;
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
