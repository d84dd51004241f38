package io.leaderlatch.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Meter names and tags read back from the {@code name} key of Micrometer's JMX ObjectNames. */
class JmxMeterNameTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "leaderlatchLeaseHeld                                        | leaderlatch.lease.held",
            "leaderlatchInstancesDeclaredDead                            | leaderlatch.instances.declared.dead",
            "leaderlatchConnectionsOpen.listener.internal                | leaderlatch.connections.open{listener=internal}",
            "leaderlatchJoins.listener.internal.result.already_joined    | leaderlatch.joins{listener=internal,result=already_joined}",
            "leaderlatchStoreRequests.operation.get.outcome.not_found    | leaderlatch.store.requests{operation=get,outcome=not_found}",
            "leaderlatchFailoverPercentile.phi.0.99                      | leaderlatch.failover.percentile{phi=0.99}",
            "leaderlatchHintsDropped.reason.over_limit                   | leaderlatch.hints.dropped{reason=over_limit}",
            "leaderlatchConnectionsRefused.listener.internal.reason.not_allowed | leaderlatch.connections.refused{listener=internal,reason=not_allowed}",
            // Listener names that are also tag keys stay values.
            "leaderlatchJoins.listener.result.result.leader              | leaderlatch.joins{listener=result,result=leader}",
            "leaderlatchJoins.listener.outcome.result.error              | leaderlatch.joins{listener=outcome,result=error}",
            "leaderlatchConnectionsOpen.listener.phi                     | leaderlatch.connections.open{listener=phi}",
            // Anything else is shown as it is.
            "someOther.unknown.tag                                       | someOther.unknown.tag",
            "leaderlatchJoins.listener                                   | leaderlatchJoins.listener",
    })
    void readsMicrometerHierarchicalNames(String jmxName, String expected) {
        assertThat(JmxMeterName.parse(jmxName)).hasToString(expected);
    }
}
