package io.leaderlatch.chaos;

import io.leaderlatch.testing.InstanceProcess;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.Timing;
import io.leaderlatch.testing.riak.RiakTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case no rule on the service's side can prevent, and the one that lets clients see it: an
 * instance paused for longer than its lease keeps its leader's connection open while another
 * member is elected, but a JOIN repeated on that connection is never confirmed, even though the
 * paused instance's event loop may run before its fencing timer once it resumes.
 */
class PausedInstanceTest {

    @Test
    void aLeaderOnAPausedInstanceIsNotConfirmedOnceAnotherLeads(@TempDir Path dir) {
        try (RiakTestCluster cluster = RiakTestCluster.start(2)) {
            InstanceProcess one = InstanceProcess.start("one", cluster.endpoints().get(0),
                    ChaosOptions.instanceSettings(), dir, Timing.patience());
            InstanceProcess two = InstanceProcess.start("two", cluster.endpoints().get(1),
                    ChaosOptions.instanceSettings(), dir, Timing.patience());
            try (LineClient a = LineClient.connect(new InetSocketAddress("127.0.0.1", one.port()));
                 LineClient b = LineClient.connect(new InetSocketAddress("127.0.0.1", two.port()))) {
                assertThat(a.join("g", "a")).isEqualTo("LEADER a");
                assertThat(b.join("g", "b")).isEqualTo("LEADER a");
                assertThat(a.join("g", "a")).isEqualTo("ALREADY_JOINED g a");

                one.pause();
                // After a full lease without a heartbeat, the other instance takes over.
                assertThat(b.readLine()).isEqualTo("LEADER b");
                // a's connection is still open: its instance cannot close it. It asks for confirmation.
                a.send("JOIN g a");
                one.resume();

                a.assertClosedByService();
            } finally {
                one.resume();
                one.kill();
                two.kill();
            }
        }
    }
}
