package io.leaderlatch.admin;

import io.leaderlatch.config.ConfigException;
import io.leaderlatch.config.ServiceConfig;
import io.leaderlatch.server.InstanceRegistration;
import io.leaderlatch.server.Main;

import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Java side of {@code scripts/leader-latch status}, {@code metrics}, {@code groups},
 * {@code instances}, {@code check-config} and of {@code start}'s wait for the listeners:
 *
 * <pre>
 * java -cp riak-leader-latch.jar io.leaderlatch.admin.AdminTool status PID
 * java -cp riak-leader-latch.jar io.leaderlatch.admin.AdminTool metrics PID
 * java -cp riak-leader-latch.jar io.leaderlatch.admin.AdminTool groups PID [GROUP] [--json]
 * java -cp riak-leader-latch.jar io.leaderlatch.admin.AdminTool instances PID [--json]
 * java -cp riak-leader-latch.jar io.leaderlatch.admin.AdminTool await-listening PID SECONDS
 * java -cp riak-leader-latch.jar io.leaderlatch.admin.AdminTool check-config [--riak-conf FILE] [--config FILE | --no-config]
 * </pre>
 *
 * {@code status}, {@code metrics}, {@code groups}, {@code instances} and {@code await-listening}
 * attach to the running service by its process id (the middle two have it read the store: the
 * whole cluster's groups and instances, from any one) ({@link AttachedJvm}); {@code check-config}
 * loads the files as {@link Main} does, and neither binds a port nor contacts a store. It runs in a
 * JVM of its own, so it is a package of its own: of the service it uses only what start-up uses to
 * read the files and the name the instance MBean is registered under.
 *
 * <p>Exit codes are LSB's, as the script's are (docs/operations.md has the one table): 0 done;
 * 1 the service could not answer what was asked; 2 bad command line; 4 cannot tell (cannot attach
 * or read its MBeans); 6 configuration error; 7 the process exited ({@code await-listening});
 * 150, in LSB's range for applications, running but not serving (or not listening in time).
 */
public final class AdminTool {

    static final int EXIT_OK = 0;
    /** The service runs but could not answer: its meters are private, or the store did not answer. */
    static final int EXIT_FAILED = 1;
    /** LSB's "invalid or excess argument(s)", as for every command of the script. */
    static final int EXIT_USAGE = 2;
    /** LSB's "program or service status is unknown": cannot attach, or cannot read its MBeans. */
    static final int EXIT_CANNOT_TELL = 4;
    /** LSB's "program is not configured", as the service exits on a bad configuration. */
    static final int EXIT_BAD_CONFIG = 6;
    /** LSB's "program is not running": the process exited while {@code await-listening} waited. */
    static final int EXIT_NOT_RUNNING = 7;
    /** In LSB's range for applications: running, but not serving (no lease, starting or stopping). */
    static final int EXIT_NOT_SERVING = 150;

    private static final String USAGE = "usage: AdminTool status PID | metrics PID | groups PID [GROUP] [--json]"
            + " | instances PID [--json] | await-listening PID SECONDS"
            + " | check-config [--riak-conf FILE] [--config FILE | --no-config]";

    private AdminTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return EXIT_USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "check-config" -> checkConfig(rest, out, err);
            case "groups", "instances" -> election(args[0], rest, out, err);
            case "await-listening" -> awaitListening(rest, out, err);
            case "status", "metrics" -> {
                Optional<Long> pid = rest.length == 1 ? pid(rest[0]) : Optional.empty();
                if (pid.isEmpty()) {
                    err.println(USAGE);
                    yield EXIT_USAGE;
                }
                yield args[0].equals("status") ? status(pid.get(), out, err) : metrics(pid.get(), out, err);
            }
            default -> {
                err.println(USAGE);
                yield EXIT_USAGE;
            }
        };
    }

    private static int checkConfig(String[] args, PrintStream out, PrintStream err) {
        try {
            Main.CommandLine commandLine = Main.CommandLine.parse(args);
            ServiceConfig config = ServiceConfig.load(commandLine.riakConf(), commandLine.config());
            List<String> lines = ConfigReport.lines(config.riakConf(), config.settingsFile(), config.settings());
            lines.forEach(out::println);
            out.println("configuration OK (nothing was bound and no store was contacted)");
            return EXIT_OK;
        } catch (Main.UsageException e) {
            err.println("leader-latch: " + e.getMessage());
            return EXIT_USAGE;
        } catch (ConfigException e) {
            err.println("leader-latch: " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
    }

    private static int status(long pid, PrintStream out, PrintStream err) {
        return attached(pid, err, mbeans -> {
            StatusReport report = StatusReport.read(pid, mbeans);
            report.lines().forEach(out::println);
            return report.serving() ? EXIT_OK : EXIT_NOT_SERVING;
        });
    }

    private static int metrics(long pid, PrintStream out, PrintStream err) {
        return attached(pid, err, mbeans -> {
            Optional<ObjectName> instance = InstanceRegistration.find(mbeans);
            if (instance.isEmpty()) {
                err.println("leader-latch: process " + pid + " is starting up or stopping; no meters to read yet");
                return EXIT_NOT_SERVING;
            }
            if (!Boolean.TRUE.equals(mbeans.getAttribute(instance.get(), "MetersPublished"))) {
                err.println("leader-latch: the service keeps its meters private (leader-latch.metrics.jmx-enabled = false)");
                return EXIT_FAILED;
            }
            MeterReport.read(mbeans, instance.get().getDomain()).forEach(out::println);
            return EXIT_OK;
        });
    }

    /** {@code groups PID [GROUP] [--json]} or {@code instances PID [--json]}. */
    private static int election(String command, String[] args, PrintStream out, PrintStream err) {
        List<String> words = new ArrayList<>(List.of(args));
        boolean json = words.remove("--json");
        Optional<Long> pid = words.isEmpty() ? Optional.empty() : pid(words.remove(0));
        boolean groups = command.equals("groups");
        if (pid.isEmpty() || words.size() > (groups ? 1 : 0)) {
            err.println(USAGE);
            return EXIT_USAGE;
        }
        String group = words.isEmpty() ? "" : words.get(0);
        return attached(pid.get(), err, mbeans -> {
            Optional<ObjectName> instance = InstanceRegistration.find(mbeans);
            if (instance.isEmpty()) {
                err.println("leader-latch: process " + pid.get() + " is starting up or stopping; nothing to read yet");
                return EXIT_NOT_SERVING;
            }
            try {
                CompositeData[] read = groups
                        ? (CompositeData[]) mbeans.invoke(instance.get(), "groups", new Object[] {group},
                                new String[] {String.class.getName()})
                        : (CompositeData[]) mbeans.invoke(instance.get(), "instances", new Object[0], new String[0]);
                if (json) {
                    out.println(groups ? ElectionReport.groupsJson(read) : ElectionReport.instancesJson(read));
                } else {
                    (groups ? ElectionReport.groups(read) : ElectionReport.instances(read)).forEach(out::println);
                }
                return EXIT_OK;
            } catch (MBeanException | RuntimeMBeanException e) {
                err.println("leader-latch: " + e.getCause().getMessage());
                return EXIT_FAILED;
            }
        });
    }

    /** {@code await-listening PID SECONDS}: {@link ListenerWait}. */
    private static int awaitListening(String[] args, PrintStream out, PrintStream err) {
        Optional<Long> pid = args.length == 2 ? pid(args[0]) : Optional.empty();
        Optional<Long> seconds = args.length == 2 ? wholeNumber(args[1]) : Optional.empty();
        if (pid.isEmpty() || seconds.isEmpty()) {
            err.println(USAGE);
            return EXIT_USAGE;
        }
        try {
            return ListenerWait.await(pid.get(), Duration.ofSeconds(seconds.get()), out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("leader-latch: interrupted while waiting for process " + pid.get() + " to open its listeners");
            return EXIT_CANNOT_TELL;
        }
    }

    /** Runs {@code action} on the MBeans of process {@code pid}; anything that stops it means "cannot tell". */
    private static int attached(long pid, PrintStream err, JmxAction action) {
        try (AttachedJvm jvm = AttachedJvm.attach(pid)) {
            return action.run(jvm.mbeans());
        } catch (AttachedJvm.CannotAttachException e) {
            err.println("leader-latch: cannot tell: " + e.getMessage());
        } catch (IOException | JMException e) {
            err.println("leader-latch: cannot tell: reading the service's MBeans failed: " + e);
        } catch (LinkageError e) {
            // A trimmed runtime without the jdk.attach module.
            err.println("leader-latch: cannot tell: this Java runtime has no Attach API (module jdk.attach);"
                    + " run with a full JDK: " + e);
        }
        return EXIT_CANNOT_TELL;
    }

    /** What status or metrics do once attached; returns the exit status. */
    @FunctionalInterface
    private interface JmxAction {
        int run(MBeanServerConnection mbeans) throws IOException, JMException;
    }

    private static Optional<Long> pid(String text) {
        return wholeNumber(text).filter(pid -> pid > 0);
    }

    private static Optional<Long> wholeNumber(String text) {
        try {
            long number = Long.parseLong(text);
            return number >= 0 ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
