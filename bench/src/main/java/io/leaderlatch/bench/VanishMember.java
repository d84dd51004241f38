package io.leaderlatch.bench;

import io.leaderlatch.client.LeaderLatch;
import io.leaderlatch.client.LeaderLatchListener;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * One member of one group in a process of its own, for {@link HostVanishBench}: run on a test
 * host, it prints {@code LEADS <System.nanoTime()>} the moment it is told (or, for the Java client,
 * confirmed) that it leads, and keeps running until killed.
 *
 * <pre>VanishMember raw|java|curator HOST:PORT GROUP NAME [SESSION_TIMEOUT_MS]</pre>
 */
public final class VanishMember {

    private VanishMember() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String server = args[1];
        String group = args[2];
        String name = args[3];
        switch (kind) {
            case "raw" -> raw(server, group, name);
            case "java" -> java(server, group, name);
            case "curator" -> curator(server, group, name, Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        new CountDownLatch(1).await();
    }

    private static void report(String what) {
        System.out.println(what + " " + System.nanoTime());
        System.out.flush();
    }

    /** A raw protocol member, as telnet: JOIN, then read LEADER lines. */
    private static void raw(String server, String group, String name) throws IOException {
        int colon = server.lastIndexOf(':');
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1))));
        OutputStream out = socket.getOutputStream();
        out.write(("JOIN " + group + " " + name + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        boolean known = false;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!known) {
                known = true;
                report("KNOWS");
            }
            if (line.equals("LEADER " + name)) {
                report("LEADS");
            }
        }
        report("ENDED");
    }

    /** The Java client: leads once the service has confirmed it. */
    private static void java(String server, String group, String name) {
        LeaderLatch latch = LeaderLatch.builder(group, name).endpoints(server).listener(new LeaderLatchListener() {
            @Override
            public void leadershipGained() {
                report("LEADS");
            }

            @Override
            public void leadershipLost() {
                report("STOPS");
            }

            @Override
            public void leaderChanged(Optional<String> leader) {
                if (leader.isPresent()) {
                    report("KNOWS");
                }
            }
        }).build();
        latch.start();
    }

    /** Curator's LeaderLatch with the session timeout asked for. */
    private static void curator(String server, String group, String name, int sessionTimeoutMillis) throws Exception {
        CuratorFramework client = CuratorFrameworkFactory.newClient(server, sessionTimeoutMillis, 15_000,
                new ExponentialBackoffRetry(1000, 3));
        client.start();
        org.apache.curator.framework.recipes.leader.LeaderLatch latch =
                new org.apache.curator.framework.recipes.leader.LeaderLatch(client, "/" + group, name);
        latch.addListener(new org.apache.curator.framework.recipes.leader.LeaderLatchListener() {
            @Override
            public void isLeader() {
                report("LEADS");
            }

            @Override
            public void notLeader() {
                report("STOPS");
            }
        });
        latch.start();
        client.blockUntilConnected();
        report("KNOWS");
    }
}
