package io.leaderlatch.spark;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.spark.deploy.master.LeaderElectable;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEndpoint;

/** A master's default name in its group: the {@code host:port} it serves on, unique per master. */
final class MasterNames {

    private MasterNames() {
    }

    static String defaultName(LeaderElectable master) {
        if (master instanceof RpcEndpoint endpoint && endpoint.rpcEnv() != null) {
            RpcAddress address = endpoint.rpcEnv().address();
            if (address != null) {
                return address.hostPort();
            }
        }
        // Not a master served over RPC (Spark always gives one): the host and this JVM's pid.
        return localHost() + ":" + ProcessHandle.current().pid();
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
