package io.leaderlatch.bench;

import io.leaderlatch.testing.riak.RiakServerMain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * This service on the Riak store: three instances in their own JVMs, each beside its own node of the
 * Riak protocol test cluster (a JVM of its own too), whose nodes answer with the latency of a real
 * Riak cluster with strong consistency. Participants join instance 0 unless told otherwise.
 */
final class RiakContender implements Contender {

    static final int INSTANCES = 3;
    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private final Process riak;
    private final List<ServiceProcess> instances;
    private final ProtocolClients clients = new ProtocolClients();

    private RiakContender(Process riak, List<ServiceProcess> instances) {
        this.riak = riak;
        this.instances = instances;
    }

    static RiakContender start(ChildJvms jvms, List<String> serverJvmOptions, ContenderKind kind,
                               RiakLatency latency) {
        String name = kind.key();
        Process riak = jvms.startPiped(name, List.of("-Xmx512m"), RiakServerMain.class.getName(), List.of(
                String.valueOf(INSTANCES), latency.getMillis(), latency.createMillis(), latency.updateMillis()));
        List<ServiceProcess> instances = new ArrayList<>();
        try {
            List<Integer> ports = endpoints(riak, jvms.log(name).toString());
            String settings = String.join("\n",
                    "leader-latch.store.type = riak",
                    String.format(Locale.ROOT, "leader-latch.election.poll-interval = %dms", kind.pollInterval().toMillis()),
                    "leader-latch.election.hints.enabled = " + kind.hints());
            for (int i = 0; i < INSTANCES; i++) {
                instances.add(ServiceProcess.start(jvms, name + "-instance" + i, serverJvmOptions, settings,
                        Optional.of(new InetSocketAddress("127.0.0.1", ports.get(i)))));
            }
            return new RiakContender(riak, instances);
        } catch (RuntimeException e) {
            instances.forEach(ServiceProcess::stop);
            ChildJvms.kill(riak);
            throw e;
        }
    }

    private static List<Integer> endpoints(Process riak, String log) {
        CompletableFuture<List<Integer>> ports = CompletableFuture.supplyAsync(() -> {
            BufferedReader out = new BufferedReader(new InputStreamReader(riak.getInputStream(), StandardCharsets.US_ASCII));
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(RiakServerMain.ENDPOINTS)) {
                        return Arrays.stream(line.substring(RiakServerMain.ENDPOINTS.length()).split(" "))
                                .map(Integer::valueOf).toList();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new BenchFailure("the Riak test server ended before listening; see " + log);
        });
        return Bounded.get(ports, START_BOUND, "the Riak test server to listen (" + log + ")");
    }

    @Override
    public String label() {
        return ServiceContender.LABEL + " on the Riak store";
    }

    @Override
    public Participant join(String group, String name) {
        return join(0, group, name);
    }

    Participant join(int instance, String group, String name) {
        return clients.join(instances.get(instance).address(), group, name);
    }

    @Override
    public LeaderProcess startLeaderProcess(String group, String name, Duration bound) {
        throw new UnsupportedOperationException("no crash scenario on the Riak store");
    }

    @Override
    public Optional<String> crashNote() {
        return Optional.empty();
    }

    @Override
    public long serverPid() {
        return instances.get(0).pid();
    }

    @Override
    public void close() {
        clients.close();
        instances.forEach(ServiceProcess::stop);
        try {
            riak.getOutputStream().close();
        } catch (IOException e) {
            // It is killed next anyway.
        }
        ChildJvms.kill(riak);
    }
}
