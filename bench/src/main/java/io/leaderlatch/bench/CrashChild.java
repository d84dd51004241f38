package io.leaderlatch.bench;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A lone participant in a process of its own, for the crash scenario: prints {@link #LEADS} once it
 * leads, then waits to be killed. It exits by itself when its standard input ends (the benchmark
 * JVM is gone).
 *
 * <pre>
 * service   HOST:PORT GROUP NAME
 * zookeeper CONNECT_STRING GROUP NAME SESSION_TIMEOUT_MS
 * </pre>
 */
public final class CrashChild {

    static final String LEADS = "LEADS";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "service" -> joinService(args[1], args[2], args[3]);
            case "zookeeper" -> joinZooKeeper(args[1], args[2], args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.in.transferTo(OutputStream.nullOutputStream());
        System.exit(0);
    }

    private static void joinService(String hostPort, String group, String name) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        socket.setTcpNoDelay(true);
        socket.getOutputStream().write(("JOIN " + group + " " + name + "\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b != '\n') {
                line.append((char) b);
            } else if (line.toString().equals("LEADER " + name)) {
                reportLeads();
                return;
            } else {
                line.setLength(0);
            }
        }
        throw new IOException("connection closed before leading");
    }

    private static void joinZooKeeper(String connectString, String group, String name, int sessionTimeoutMs)
            throws Exception {
        CuratorFramework client = CuratorClients.create(connectString, sessionTimeoutMs);
        client.start();
        LeaderLatch latch = new LeaderLatch(client, CuratorClients.latchPath(group), name);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                reportLeads();
            }

            @Override
            public void notLeader() {
            }
        });
        latch.start();
    }

    private static void reportLeads() {
        System.out.println(LEADS);
        System.out.flush();
    }
}
