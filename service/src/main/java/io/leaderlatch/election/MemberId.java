package io.leaderlatch.election;

/**
 * Identifies one membership across every service instance: the instance that holds the client's
 * connection, and that connection's number on the instance.
 */
public record MemberId(String instanceId, long connection) {

    @Override
    public String toString() {
        return instanceId + "#" + connection;
    }
}
