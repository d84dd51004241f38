package io.leaderlatch.server;

import io.leaderlatch.config.ConfigException;
import io.leaderlatch.config.ServiceConfig;
import io.leaderlatch.config.Settings;
import io.leaderlatch.metrics.MeterRegistries;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The command line: {@code [--riak-conf FILE] [--config FILE | --no-config]}. Runs until SIGTERM or
 * SIGINT, then stops cleanly and exits 0. Exit 2 (LSB's "invalid arguments"): bad command line;
 * exit 6 (LSB's "program is not configured"): bad configuration; exit 1: start-up failed.
 */
public final class Main {

    /** LSB's generic failure: e.g. a port in use; a restart may succeed. */
    static final int EXIT_STARTUP_FAILED = 1;
    /** LSB's "program is not configured": a restart cannot fix it (the systemd unit does not try). */
    static final int EXIT_BAD_CONFIG = 6;
    /** LSB's "invalid or excess arguments". */
    static final int EXIT_USAGE = 2;

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    private static final String USAGE = "usage: leader-latch run [--riak-conf FILE] [--config FILE | --no-config]";

    private Main() {
    }

    public static void main(String[] args) {
        LeaderLatchServer server;
        MeterRegistry registry;
        try {
            CommandLine commandLine = CommandLine.parse(args);
            log.info("riak.conf {}; settings {}", commandLine.riakConf(),
                    commandLine.config().map(Path::toString).orElse("none (defaults and -D only)"));
            // Every rule first: nothing is bound, started or written for a configuration that fails.
            ServiceConfig config = ServiceConfig.load(commandLine.riakConf(), commandLine.config());
            Settings settings = config.settings();
            registry = meterRegistry(settings.metrics());
            try {
                server = LeaderLatchServer.start(config.riakConf(), settings,
                        StoreFactory.create(settings, config.riakConf()), registry);
            } catch (RuntimeException | Error e) {
                registry.close();
                throw e;
            }
        } catch (UsageException e) {
            exit(EXIT_USAGE, e.getMessage(), e);
            return;
        } catch (ConfigException e) {
            exit(EXIT_BAD_CONFIG, e.getMessage(), e);
            return;
        } catch (StartupException e) {
            exit(EXIT_STARTUP_FAILED, e.getMessage(), e);
            return;
        } catch (RuntimeException | Error e) {
            // Not expected; still one line for the operator, the stack trace in the log at DEBUG.
            exit(EXIT_STARTUP_FAILED, "start-up failed: " + oneLine(e), e);
            return;
        }
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                server.stop();
                registry.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "leader-latch-shutdown-hook"));
        // A shutdown hook alone would end a SIGTERM'd JVM with status 143; handling the signal
        // lets a clean stop exit 0, which is what service managers expect of a requested stop.
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> new Thread(() -> {
                log.info("SIG{} received; stopping", name);
                stop.run();
                System.exit(0);
            }, "leader-latch-shutdown").start());
        }
    }

    /** JMX, Prometheus, both (a composite that records into each) or, with neither, in memory only. */
    static MeterRegistry meterRegistry(Settings.Metrics metrics) {
        List<MeterRegistry> registries = new ArrayList<>();
        if (metrics.jmxEnabled()) {
            registries.add(MeterRegistries.jmx(metrics.jmxDomain()));
        }
        if (metrics.prometheus().enabled()) {
            registries.add(MeterRegistries.prometheus());
        }
        return MeterRegistries.of(registries);
    }

    private static void exit(int status, String message, Throwable cause) {
        log.debug("start-up stopped", cause);
        System.err.println("leader-latch: " + message);
        System.exit(status);
    }

    /** {@code <exception class>: <message>}, on one line, with the message of its root cause. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) {
            text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text.replaceAll("\\s*\n\\s*", " ");
    }

    /**
     * A command line that cannot be parsed; its message ends with the usage. Public, with
     * {@link CommandLine}, for the admin tool's {@code check-config}, which takes the same flags.
     */
    public static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * The parsed arguments. Without {@code --config}, {@code conf/leader-latch.conf} is read when it
     * exists; {@code --no-config} reads no settings file at all, for a launcher that has already
     * looked for one and found none. Public for the admin tool's {@code check-config}, which must
     * read the same files as a start with the same flags.
     */
    public record CommandLine(Path riakConf, Optional<Path> config) {

        static final Path DEFAULT_RIAK_CONF = Path.of("conf", "riak.conf");
        static final Path DEFAULT_CONFIG = Path.of("conf", "leader-latch.conf");

        /** @throws UsageException for an unknown flag or a flag without its file */
        public static CommandLine parse(String[] args) {
            Path riakConf = DEFAULT_RIAK_CONF;
            Optional<Path> config = Files.exists(DEFAULT_CONFIG) ? Optional.of(DEFAULT_CONFIG) : Optional.empty();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--no-config")) {
                    config = Optional.empty();
                    continue;
                }
                if (!flag.equals("--riak-conf") && !flag.equals("--config")) {
                    throw new UsageException("unknown argument '" + flag + "'; " + USAGE);
                }
                if (i + 1 == args.length) {
                    throw new UsageException(flag + " needs a file; " + USAGE);
                }
                Path file = Path.of(args[++i]);
                if (flag.equals("--riak-conf")) {
                    riakConf = file;
                } else {
                    config = Optional.of(file);
                }
            }
            return new CommandLine(riakConf, config);
        }
    }
}
