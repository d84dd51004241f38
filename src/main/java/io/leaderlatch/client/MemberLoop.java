package io.leaderlatch.client;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The body of the latch's connection thread: connects to the endpoints in turn, one connection at
 * a time, until the latch is closed. Whatever ended a connection, the member is first reported not
 * leader, then the next endpoint is tried after a backoff pause. {@code JOIN_FAILED
 * SERVICE_UNAVAILABLE} is retried like a lost connection; so is {@code JOIN_FAILED NAME_IN_USE},
 * because this member's previous connection may still be closing on the service's side.
 */
final class MemberLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(LeaderLatch.class.getName());

    private final LatchOptions options;
    private final Leadership leadership;
    private final SocketSlot slot;

    MemberLoop(LatchOptions options, Leadership leadership, SocketSlot slot) {
        this.options = options;
        this.leadership = leadership;
        this.slot = slot;
    }

    @Override
    public void run() {
        List<InetSocketAddress> endpoints = options.endpoints();
        Backoff backoff = new Backoff(options.backoffMin(), options.backoffMax());
        int next = 0;
        while (true) {
            InetSocketAddress endpoint = endpoints.get(next);
            next = (next + 1) % endpoints.size();
            SessionEnd end = new ServiceConnection(options, leadership, slot).run(endpoint);
            leadership.disconnected();
            if (end instanceof SessionEnd.Closed) {
                return;
            }
            if (end.joined()) {
                backoff.reset();
            }
            LOG.log(end.joined() ? Level.INFO : Level.DEBUG,
                    () -> options.member() + " via " + endpoint.getHostString() + ":" + endpoint.getPort() + ": " + describe(end));
            if (!slot.pause(backoff.next())) {
                return;
            }
        }
    }

    private static String describe(SessionEnd end) {
        if (end instanceof SessionEnd.Unreachable unreachable) {
            return "cannot connect: " + unreachable.why();
        }
        if (end instanceof SessionEnd.Refused refused) {
            return "JOIN_FAILED " + refused.reason() + "; retrying";
        }
        return "connection lost: " + ((SessionEnd.Dropped) end).why() + "; reconnecting";
    }
}
