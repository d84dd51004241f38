package io.leaderlatch.client;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The body of the latch's connection thread: connects to the endpoints in turn, one connection at
 * a time, until the latch is closed. Whatever ended a connection, the member is first reported not
 * leader, then the next endpoint is tried after a backoff pause. {@code JOIN_FAILED
 * SERVICE_UNAVAILABLE} is retried like a lost connection; so is {@code JOIN_FAILED NAME_IN_USE},
 * because this member's previous connection may still be closing on the service's side.
 *
 * <p>An attempt that did not get the member joined (no connection, a refused JOIN) is a WARNING
 * naming the endpoint and the reason, since a latch that never joins is otherwise silent; the
 * same failure at the same endpoint is a WARNING at most once per {@link #WARNING_PERIOD}.
 */
final class MemberLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(LeaderLatch.class.getName());
    /** Long enough that an endpoint down for hours is a line per half minute, not per attempt. */
    static final Duration WARNING_PERIOD = Duration.ofSeconds(30);

    private final LatchOptions options;
    private final Leadership leadership;
    private final SocketSlot slot;
    private final RepeatedWarnings warnings = new RepeatedWarnings(LOG, WARNING_PERIOD);

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
            report(HostPorts.format(endpoint), end);
            if (end.joined()) {
                backoff.reset();
            }
            if (!slot.pause(backoff.next())) {
                return;
            }
        }
    }

    private void report(String endpoint, SessionEnd end) {
        if (end instanceof SessionEnd.Dropped dropped && dropped.joined()) {
            LOG.log(Level.INFO, () -> options.member() + ": connection to " + endpoint + " lost: " + dropped.why()
                    + "; reconnecting");
        } else if (end instanceof SessionEnd.Unreachable unreachable) {
            warnings.warn(endpoint + " unreachable " + unreachable.why(), options.member() + ": cannot connect to "
                    + endpoint + ": " + unreachable.why() + "; retrying");
        } else if (end instanceof SessionEnd.Refused refused) {
            warnings.warn(endpoint + " refused " + refused.reason(), options.member() + ": " + endpoint
                    + " refused the JOIN: JOIN_FAILED " + refused.reason() + meaning(refused.reason()) + "; retrying");
        } else if (end instanceof SessionEnd.Dropped dropped) {
            warnings.warn(endpoint + " dropped " + dropped.why(), options.member() + ": connection to " + endpoint
                    + " ended before the JOIN was accepted: " + dropped.why() + "; retrying");
        }
    }

    private static String meaning(String reason) {
        return switch (reason) {
            case "SERVICE_UNAVAILABLE" -> " (the service cannot take joins now, e.g. without its store; its log says why)";
            case "NAME_IN_USE" -> " (another connection holds this member's name, perhaps its previous one, still"
                    + " closing)";
            default -> "";
        };
    }
}
