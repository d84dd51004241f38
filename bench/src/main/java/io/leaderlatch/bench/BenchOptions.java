package io.leaderlatch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The benchmark's command line.
 *
 * <pre>
 * --sizes full|tiny            scenario sizes (default full)
 * --trials N                   measured trials per scenario and system (default 5)
 * --warmup N                   unmeasured rounds before them (default 1)
 * --only REGEX                 run only scenarios whose id matches (ids: --list)
 * --doc FILE                   write the results into FILE between its result markers
 * --command TEXT               the command line to quote in FILE
 * --server-jvm-option OPTION   add a JVM option to every server (repeatable); {name} in it becomes
 *                              the server's name, e.g. -XX:StartFlightRecording=filename={name}.jfr
 * --log-dir DIR                keep the servers' logs in DIR (default: a temporary directory)
 * --list                       print the scenario ids and exit
 * </pre>
 */
record BenchOptions(Sizes sizes, int trials, int warmup, Pattern only, Optional<Path> doc, String command,
                    List<String> serverJvmOptions, Optional<Path> logDir, boolean list) {

    /** The same JVM for both servers: a fixed 1 GB heap, G1 (Java 17's default). */
    static final List<String> SERVER_JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    static BenchOptions parse(String... args) {
        Sizes sizes = Sizes.FULL;
        int trials = 5;
        int warmup = 1;
        Pattern only = Pattern.compile(".*");
        Optional<Path> doc = Optional.empty();
        String command = "scripts/bench";
        List<String> jvmOptions = new ArrayList<>(SERVER_JVM_OPTIONS);
        Optional<Path> logDir = Optional.empty();
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--list")) {
                list = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--sizes" -> sizes = switch (value) {
                    case "full" -> Sizes.FULL;
                    case "tiny" -> Sizes.TINY;
                    default -> throw new IllegalArgumentException("--sizes is full or tiny, not " + value);
                };
                case "--trials" -> trials = positive(flag, value);
                case "--warmup" -> warmup = Math.max(0, Integer.parseInt(value));
                case "--only" -> only = Pattern.compile(value);
                case "--doc" -> doc = Optional.of(Path.of(value));
                case "--command" -> command = value;
                case "--server-jvm-option" -> jvmOptions.add(value);
                case "--log-dir" -> logDir = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return new BenchOptions(sizes, trials, warmup, only, doc, command, List.copyOf(jvmOptions), logDir, list);
    }

    private static int positive(String flag, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1");
        }
        return n;
    }
}
