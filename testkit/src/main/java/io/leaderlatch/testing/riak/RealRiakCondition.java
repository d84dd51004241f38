package io.leaderlatch.testing.riak;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs {@link RealRiak} classes only where a real cluster is named, and says so once per run on
 * standard error when it is not, so that a green build without Riak does not pass for one with it.
 */
final class RealRiakCondition implements ExecutionCondition {

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RealRiak> annotation = context.getTestClass().map(type -> type.getAnnotation(RealRiak.class));
        Optional<RealRiakCluster> cluster = RealRiakCluster.fromEnvironment();
        if (cluster.isEmpty()) {
            warn("no real Riak cluster named: set " + RealRiakCluster.ENDPOINTS_VARIABLE
                    + "=host:port,host:port,host:port (README, \"Testing against a real Riak cluster\")");
            return ConditionEvaluationResult.disabled("real-Riak suite: no " + RealRiakCluster.ENDPOINTS_VARIABLE);
        }
        if (annotation.map(RealRiak::faults).orElse(false) && !cluster.get().controllable()) {
            warn("the real Riak cluster's nodes cannot be controlled: set " + RealRiakCluster.CONTROL_VARIABLE
                    + " for the fault tests");
            return ConditionEvaluationResult.disabled("real-Riak fault tests: no " + RealRiakCluster.CONTROL_VARIABLE);
        }
        return ConditionEvaluationResult.enabled("real Riak at " + cluster.get().endpoints());
    }

    private static void warn(String why) {
        if (WARNED.add(why)) {
            System.err.println();
            System.err.println("*** REAL-RIAK SUITE SKIPPED: " + why + " ***");
            System.err.println();
        }
    }
}
