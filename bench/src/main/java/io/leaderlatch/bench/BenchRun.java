package io.leaderlatch.bench;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the chosen scenarios: for each, the warm-up rounds, then the trials, every trial on each of
 * its contenders, alternating which goes first. Contenders start when a scenario first needs them
 * and stop after the last scenario that does.
 */
final class BenchRun {

    private final BenchOptions options;
    private final ChildJvms jvms;
    private final PrintStream progress;
    private final Map<ContenderKind, Contender> open = new LinkedHashMap<>();
    private final Map<ContenderKind, RuntimeException> failedToStart = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private String zookeeperLabel = "ZooKeeper";

    BenchRun(BenchOptions options, ChildJvms jvms, PrintStream progress) {
        this.options = options;
        this.jvms = jvms;
        this.progress = progress;
    }

    static List<Scenario> chosen(BenchOptions options) {
        return Scenarios.all(options.sizes(), RiakLatency.MEASURED).stream()
                .filter(scenario -> options.only().matcher(scenario.id()).matches()).toList();
    }

    BenchReport run() {
        Instant started = Instant.now();
        String loadBefore = MachineInfo.loadAverage();
        List<Scenario> scenarios = chosen(options);
        Map<ContenderKind, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            for (ContenderKind kind : scenarios.get(i).contenders()) {
                lastUse.put(kind, i);
            }
        }
        List<Row> rows = new ArrayList<>();
        try {
            for (int i = 0; i < scenarios.size(); i++) {
                rows.addAll(runScenario(scenarios.get(i)));
                int index = i;
                lastUse.forEach((kind, last) -> {
                    if (last == index) {
                        closeContender(kind);
                    }
                });
            }
        } finally {
            List.copyOf(open.keySet()).forEach(this::closeContender);
        }
        return new BenchReport(options, rows, notes, ServiceContender.LABEL, zookeeperLabel, started, loadBefore,
                MachineInfo.loadAverage());
    }

    private List<Row> runScenario(Scenario scenario) {
        Map<ContenderKind, Recorder> recorders = new LinkedHashMap<>();
        try {
            List<ContenderKind> kinds = scenario.contenders();
            for (ContenderKind kind : kinds) {
                contender(kind);
                recorders.put(kind, Recorder.keeping());
            }
            for (int round = 0; round < options.warmup(); round++) {
                for (ContenderKind kind : kinds) {
                    progress.printf("[%s] warm-up %d/%d on %s%n", scenario.id(), round + 1, options.warmup(), kind.key());
                    scenario.run(contender(kind), Recorder.discarding());
                }
            }
            for (int trial = 0; trial < options.trials(); trial++) {
                List<ContenderKind> order = new ArrayList<>(kinds);
                if (trial % 2 == 1) {
                    Collections.reverse(order);
                }
                for (ContenderKind kind : order) {
                    long start = System.nanoTime();
                    scenario.run(contender(kind), recorders.get(kind));
                    progress.printf("[%s] trial %d/%d on %s: %.1f s%n", scenario.id(), trial + 1, options.trials(),
                            kind.key(), (System.nanoTime() - start) / 1e9);
                }
            }
        } catch (RuntimeException e) {
            progress.printf("[%s] failed: %s%n", scenario.id(), e);
            // A contender in an unknown state would spoil the scenarios after this one.
            List.copyOf(scenario.contenders()).forEach(this::closeContender);
            return scenario.metrics().stream().map(metric -> Row.failed(metric, String.valueOf(e.getMessage()))).toList();
        }
        for (Metric metric : scenario.metrics()) {
            recorders.values().forEach(recorder -> recorder.note(metric).ifPresent(notes::add));
        }
        return scenario.metrics().stream().map(metric -> row(metric, recorders)).toList();
    }

    private static Row row(Metric metric, Map<ContenderKind, Recorder> recorders) {
        Optional<Summary> service = Optional.empty();
        Optional<Summary> zookeeper = Optional.empty();
        for (Map.Entry<ContenderKind, Recorder> entry : recorders.entrySet()) {
            List<Double> samples = entry.getValue().samples(metric);
            if (samples.isEmpty()) {
                return Row.failed(metric, "no samples on " + entry.getKey().key());
            }
            Summary summary = Summary.of(samples, metric.unit());
            if (entry.getKey().equals(ContenderKind.ZOOKEEPER)) {
                zookeeper = Optional.of(summary);
            } else {
                service = Optional.of(summary);
            }
        }
        return new Row(metric, service, zookeeper, Optional.empty());
    }

    private Contender contender(ContenderKind kind) {
        Contender contender = open.get(kind);
        if (contender != null) {
            return contender;
        }
        if (failedToStart.containsKey(kind)) {
            throw failedToStart.get(kind);
        }
        progress.printf("starting %s%n", kind.key());
        try {
            contender = start(kind);
        } catch (RuntimeException e) {
            failedToStart.put(kind, e);
            throw e;
        }
        open.put(kind, contender);
        if (!kind.isRiak() && !options.sizes().warmUp().isZero()) {
            progress.printf("warming up %s for %d s%n", kind.key(), options.sizes().warmUp().toSeconds());
            WarmUp.run(contender, options.sizes().warmUp());
        }
        return contender;
    }

    private Contender start(ContenderKind kind) {
        if (kind.equals(ContenderKind.SERVICE)) {
            return ServiceContender.start(jvms, options.serverJvmOptions());
        }
        if (kind.equals(ContenderKind.ZOOKEEPER)) {
            Contender zookeeper = ZooKeeperContender.start(jvms, options.serverJvmOptions());
            zookeeperLabel = zookeeper.label();
            return zookeeper;
        }
        return RiakContender.start(jvms, options.serverJvmOptions(), kind, RiakLatency.MEASURED);
    }

    private void closeContender(ContenderKind kind) {
        Contender contender = open.remove(kind);
        if (contender != null) {
            progress.printf("stopping %s%n", kind.key());
            contender.close();
        }
    }
}
