package io.leaderlatch.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The load run's command line; {@link #USAGE} lists every option with its default.
 *
 * @param phases         which phases run: attacks, members, churn
 * @param attacks        the attacks to measure join latency under (the baseline always runs)
 * @param attackTime     how long each attack, and the baseline, lasts
 * @param probeRate      joins per second of the well-behaved probe clients during each attack
 * @param joinTimeout    the service's join timeout in the attack phase
 * @param addressLimit   the service's connection limit per address in the attack phase; the flood exceeds it
 * @param silent         connections that never send JOIN
 * @param members        members held at once in the members phase
 * @param joinRate       joins per second at most while the members join
 * @param groupSize      members per group in the members and churn phases
 * @param heapInterval   time between the two heap measurements with every member joined
 * @param churnRate      joins + leaves per second in the churn phase
 * @param churnTime      how long the churn lasts
 * @param churnGroups    groups the churn runs in
 * @param logDir         where the service's log goes (default: a temporary directory)
 */
record LoadOptions(Set<String> phases, List<Attack> attacks, Duration attackTime, int probeRate, Duration joinTimeout,
                   int addressLimit, int silent, int members, int joinRate, int groupSize, Duration heapInterval, int churnRate,
                   Duration churnTime, int churnGroups, Optional<Path> logDir) {

    static final List<String> PHASES = List.of("attacks", "members", "churn");

    static final String USAGE = """
            --phases LIST          phases to run, of attacks,members,churn (default all three)
            --attacks LIST         attacks, of %s, or all or none (default all)
            --attack-time T        each attack and the baseline (default 20s)
            --probe-rate N         well-behaved joins per second during each attack (default 50)
            --join-timeout T       the service's join timeout in the attack phase (default 5s)
            --address-limit N      its connection limit per address in the attack phase (default 4096)
            --silent N             connections that never send JOIN (default 1000)
            --members N            members at once in the members phase (default 15000)
            --join-rate N          joins per second at most while they join (default 1000)
            --group-size N         members per group (default 5)
            --heap-interval T      between the two heap measurements with the members joined (default 60s)
            --churn-rate N         joins + leaves per second (default 1000)
            --churn-time T         how long the churn lasts (default 60s)
            --churn-groups N       groups the churn runs in (default 100)
            --log-dir DIR          keep the service's logs in DIR (default: a temporary directory)
            T is a time: 500ms, 20s, 2m.""".formatted(Attack.keys());

    static LoadOptions parse(String... args) {
        Set<String> phases = Set.copyOf(PHASES);
        List<Attack> attacks = List.of(Attack.values());
        Duration attackTime = Duration.ofSeconds(20);
        int probeRate = 50;
        Duration joinTimeout = Duration.ofSeconds(5);
        int addressLimit = 4096;
        int silent = 1000;
        int members = 15_000;
        int joinRate = 1000;
        int groupSize = 5;
        Duration heapInterval = Duration.ofSeconds(60);
        int churnRate = 1000;
        Duration churnTime = Duration.ofSeconds(60);
        int churnGroups = 100;
        Optional<Path> logDir = Optional.empty();
        for (int i = 0; i < args.length; i += 2) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[i + 1];
            switch (flag) {
                case "--phases" -> phases = phases(value);
                case "--attacks" -> attacks = Attack.parse(value);
                case "--attack-time" -> attackTime = duration(flag, value);
                case "--probe-rate" -> probeRate = positive(flag, value);
                case "--join-timeout" -> joinTimeout = duration(flag, value);
                case "--address-limit" -> addressLimit = positive(flag, value);
                case "--silent" -> silent = positive(flag, value);
                case "--members" -> members = positive(flag, value);
                case "--join-rate" -> joinRate = positive(flag, value);
                case "--group-size" -> groupSize = positive(flag, value);
                case "--heap-interval" -> heapInterval = duration(flag, value);
                case "--churn-rate" -> churnRate = positive(flag, value);
                case "--churn-time" -> churnTime = duration(flag, value);
                case "--churn-groups" -> churnGroups = positive(flag, value);
                case "--log-dir" -> logDir = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return new LoadOptions(phases, attacks, attackTime, probeRate, joinTimeout, addressLimit, silent, members,
                joinRate, groupSize, heapInterval, churnRate, churnTime, churnGroups, logDir);
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    private static Set<String> phases(String value) {
        List<String> chosen = Arrays.stream(value.split(",")).map(String::trim).toList();
        for (String phase : chosen) {
            if (!PHASES.contains(phase)) {
                throw new IllegalArgumentException("--phases: unknown phase '" + phase + "'; phases: " + PHASES);
            }
        }
        return Set.copyOf(chosen);
    }

    static Duration duration(String flag, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " takes a time such as 500ms, 20s or 2m, not '" + value + "'");
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " takes a whole number of 1 or more, not '" + value + "'");
    }
}
