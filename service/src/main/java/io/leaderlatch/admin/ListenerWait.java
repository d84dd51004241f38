package io.leaderlatch.admin;

import io.leaderlatch.server.InstanceRegistration;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code AdminTool await-listening PID SECONDS}: how {@code scripts/leader-latch start} learns that
 * the service it has just started opened its listeners. It asks the service, by its instance
 * MBean (published once every listener is bound), not the log, whose level is the operator's
 * choice. Prints each listener as the service reports it, with the port actually bound.
 */
final class ListenerWait {

    private static final Duration POLL = Duration.ofMillis(100);

    private ListenerWait() {
    }

    /**
     * Waits up to {@code timeout}. Returns {@link AdminTool#EXIT_OK} once the listeners are open,
     * {@link AdminTool#EXIT_NOT_RUNNING} when the process exits first, and
     * {@link AdminTool#EXIT_NOT_SERVING} when neither has happened by then.
     */
    static int await(long pid, Duration timeout, PrintStream out, PrintStream err) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "";
        while (true) {
            if (!LocalProcess.alive(pid)) {
                err.println("leader-latch: process " + pid + " exited before it opened its listeners");
                return AdminTool.EXIT_NOT_RUNNING;
            }
            // Not before the JVM handles SIGQUIT: attaching any earlier would end it.
            if (!LocalProcess.handlesQuit(pid)) {
                lastProblem = " (it does not handle SIGQUIT yet, so it cannot be attached to: it is still starting,"
                        + " or is not a Java process)";
            } else {
                try (AttachedJvm jvm = AttachedJvm.attach(pid)) {
                    Optional<List<String>> lines = pollListening(pid, jvm.mbeans(), deadline);
                    if (lines.isPresent()) {
                        lines.get().forEach(out::println);
                        return AdminTool.EXIT_OK;
                    }
                    lastProblem = "";
                } catch (AttachedJvm.CannotAttachException e) {
                    lastProblem = " (" + e.getMessage() + ")";
                } catch (IOException | JMException e) {
                    // The connection broke: the process is stopping, or was never a service. Look again.
                    lastProblem = " (reading its MBeans failed: " + e + ")";
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                err.println("leader-latch: process " + pid + " has not opened its listeners within "
                        + timeout.toSeconds() + " s" + lastProblem);
                return AdminTool.EXIT_NOT_SERVING;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Polls the attached JVM until its instance MBean is there (its lines), it exits, or the deadline. */
    private static Optional<List<String>> pollListening(long pid, MBeanServerConnection mbeans, long deadline)
            throws IOException, JMException, InterruptedException {
        while (LocalProcess.alive(pid)) {
            Optional<ObjectName> instance = InstanceRegistration.find(mbeans);
            if (instance.isPresent()) {
                try {
                    return Optional.of(lines(mbeans, instance.get()));
                } catch (InstanceNotFoundException e) {
                    // Unregistered since: it is already stopping. Keep looking until it has exited.
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            Thread.sleep(POLL.toMillis());
        }
        return Optional.empty();
    }

    /** {@code listener NAME on HOST:PORT} for each listener, then a word when it does not serve yet. */
    private static List<String> lines(MBeanServerConnection mbeans, ObjectName instance)
            throws IOException, JMException {
        List<String> lines = new ArrayList<>();
        for (String listener : (String[]) mbeans.getAttribute(instance, "Listeners")) {
            int equals = listener.indexOf('=');
            lines.add("  listener " + listener.substring(0, equals) + " on " + listener.substring(equals + 1));
        }
        if (!Boolean.TRUE.equals(mbeans.getAttribute(instance, "LeaseHeld"))) {
            lines.add("  not serving yet: it does not hold its lease (the store is unreachable or not ready);"
                    + " it answers joins once it does, which status tells");
        }
        return lines;
    }
}
