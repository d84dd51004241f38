package io.leaderlatch.testing.service;

import io.leaderlatch.admin.AdminCommands;
import io.leaderlatch.testing.InstanceProcess;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.Timing;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The introspection check shared by the Riak test server and the real cluster: three instances,
 * members of two groups spread over them; {@code groups} and {@code instances}, asked of any one
 * instance, show the whole cluster as the store holds it, and follow an instance's death.
 */
public final class ClusterView {

    private ClusterView() {
    }

    /** {@code instances}: three processes, each beside its own Riak node; kills the first one on the way. */
    public static void anyInstanceShowsTheWholeCluster(List<InstanceProcess> instances, Duration lease) {
        InstanceProcess one = instances.get(0);
        InstanceProcess two = instances.get(1);
        InstanceProcess three = instances.get(2);
        try (LineClient a = one.connect(); LineClient b = two.connect(); LineClient c = three.connect();
             LineClient d = two.connect()) {
            assertThat(a.join("spark-master", "a")).isEqualTo("LEADER a");
            assertThat(b.join("spark-master", "b")).isEqualTo("LEADER a");
            assertThat(c.join("spark-master", "c")).isEqualTo("LEADER a");
            assertThat(d.send("TERMS").readLine()).startsWith("TERMS ");
            String etl = d.join("etl", "d");
            assertThat(etl).startsWith("LEADER d ");
            long etlTerm = Long.parseLong(etl.substring("LEADER d ".length()));

            String member = "  since \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z";
            for (InstanceProcess asked : instances) {
                assertThat(AdminCommands.run("groups", Long.toString(asked.pid())))
                        .as("groups, asked of every instance alike")
                        .containsPattern("(?m)^etl  term " + etlTerm + "  leader d\n  1\\. d  two@127\\.0\\.0\\.1/[0-9a-f]+"
                                + member + "  \\(leader\\)$")
                        .containsPattern("(?m)^spark-master  term \\d+  leader a\n"
                                + "  1\\. a  one@127\\.0\\.0\\.1/[0-9a-f]+" + member + "  \\(leader\\)\n"
                                + "  2\\. b  two@127\\.0\\.0\\.1/[0-9a-f]+" + member + "\n"
                                + "  3\\. c  three@127\\.0\\.0\\.1/[0-9a-f]+" + member + "$");
            }
            assertThat(AdminCommands.run("groups", Long.toString(three.pid()), "etl", "--json"))
                    .matches("\\{\"groups\":\\[\\{\"name\":\"etl\",\"term\":" + etlTerm + ",\"leader\":\"d\","
                            + "\"members\":\\[\\{\"client\":\"d\",\"instance\":\"two@127\\.0\\.0\\.1/[0-9a-f]+\","
                            + "\"joinedAt\":\\d+}]}]}\n");
            assertThat(AdminCommands.run("instances", Long.toString(two.pid())))
                    .containsPattern("(?m)^one@127\\.0\\.0\\.1/[0-9a-f]+  \\d+  " + lease.toSeconds() + "\\.0 s  ")
                    .containsPattern("(?m)^two@127\\.0\\.0\\.1/[0-9a-f]+ \\(this one\\)  \\d+  ")
                    .containsPattern("(?m)^three@127\\.0\\.0\\.1/[0-9a-f]+  ");

            one.kill();
            assertThat(b.readLine()).isEqualTo("LEADER b");
            await().atMost(Timing.patience()).untilAsserted(() -> {
                assertThat(AdminCommands.run("groups", Long.toString(three.pid()), "spark-master"))
                        .as("the dead instance's member gone, the next one leading")
                        .containsPattern("(?m)^spark-master  term \\d+  leader b\n  1\\. b  two@[^\n]+\\(leader\\)\n"
                                + "  2\\. c  three@[^\n]+$");
                assertThat(AdminCommands.run("instances", Long.toString(three.pid())))
                        .doesNotContain("one@127.0.0.1");
            });
        }
    }
}
