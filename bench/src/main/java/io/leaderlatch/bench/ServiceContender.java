package io.leaderlatch.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** This service on its embedded store, in its own JVM, driven by raw protocol clients. */
final class ServiceContender implements Contender {

    static final String LABEL = "riak-leader-latch";

    private final ChildJvms jvms;
    private final ServiceProcess server;
    private final ProtocolClients clients = new ProtocolClients();

    private ServiceContender(ChildJvms jvms, ServiceProcess server) {
        this.jvms = jvms;
        this.server = server;
    }

    static ServiceContender start(ChildJvms jvms, List<String> serverJvmOptions) {
        // Every benchmark client connects from 127.0.0.1; the default per-address limit (4096)
        // would refuse the larger scenarios' members, so it is raised to the per-listener one.
        return new ServiceContender(jvms, ServiceProcess.start(jvms, "service", serverJvmOptions,
                "leader-latch.store.type = embedded\nleader-latch.limits.max-connections-per-address = 16384",
                Optional.empty()));
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public Participant join(String group, String name) {
        return clients.join(server.address(), group, name);
    }

    @Override
    public LeaderProcess startLeaderProcess(String group, String name, Duration bound) {
        String address = server.address().getHostString() + ":" + server.address().getPort();
        return LeaderProcess.start(jvms, "crash-service-" + name, List.of("service", address, group, name), bound);
    }

    @Override
    public Optional<String> crashNote() {
        return Optional.empty();
    }

    InetSocketAddress address() {
        return server.address();
    }

    @Override
    public long serverPid() {
        return server.pid();
    }

    @Override
    public void close() {
        clients.close();
        server.stop();
    }
}
