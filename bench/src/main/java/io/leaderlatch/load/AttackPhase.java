package io.leaderlatch.load;

import io.leaderlatch.bench.Bounded;
import io.leaderlatch.bench.ChildJvms;
import io.leaderlatch.bench.ProtocolClients;
import io.leaderlatch.bench.ProtocolParticipant;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Join latency of well-behaved clients with no attack, then during each attack in turn, on one
 * service. A few anchor members lead the probes' groups throughout; at the end each must still be
 * connected and know that it leads: no attack may disturb a member.
 */
final class AttackPhase {

    private static final int ANCHORS = 4;
    private static final Duration JOIN_BOUND = Duration.ofSeconds(30);

    private final LoadOptions options;
    private final LoadSummary summary;
    private final PrintStream progress;

    AttackPhase(LoadOptions options, LoadSummary summary, PrintStream progress) {
        this.options = options;
        this.summary = summary;
        this.progress = progress;
    }

    void run(ChildJvms jvms) {
        try (LoadService service = LoadService.start(jvms, "attacks",
                "leader-latch.limits.join-timeout = " + options.joinTimeout().toMillis() + "ms",
                "leader-latch.limits.max-connections-per-address = " + options.addressLimit());
             ProtocolClients clients = new ProtocolClients()) {
            List<ProtocolParticipant> anchors = new ArrayList<>();
            for (int i = 0; i < ANCHORS; i++) {
                anchors.add(clients.join(service.address(), null, JoinProbes.group(i), "anchor" + i));
            }
            for (ProtocolParticipant anchor : anchors) {
                Bounded.get(anchor.leads(), JOIN_BOUND, anchor.name() + " to lead its probe group");
            }
            summary.section("Join latency during attacks");
            summary.line(String.format(Locale.ROOT, "Probes: %d joins/s for %d s per row, from 127.0.0.1; attacks "
                    + "from 127.0.3.x; service join-timeout %d ms, max-connections-per-address %d.",
                    options.probeRate(), options.attackTime().toSeconds(), options.joinTimeout().toMillis(),
                    options.addressLimit()));
            summary.line("");
            summary.line("| Attack | Joins | p50 | p99 | max | connect p99 | Errors | What the attack did, what the service did to it |");
            summary.line("|---|---|---|---|---|---|---|---|");
            measure(service, Optional.empty());
            for (Attack attack : options.attacks()) {
                measure(service, Optional.of(attack));
            }
            Map<String, List<GroupCheck.Seen>> groups = new LinkedHashMap<>();
            for (int i = 0; i < ANCHORS; i++) {
                ProtocolParticipant anchor = anchors.get(i);
                groups.put(JoinProbes.group(i), List.of(new GroupCheck.Seen(anchor.name(), anchor.leader(), anchor.failure())));
            }
            List<String> anchorErrors = GroupCheck.errors(groups, true);
            summary.errors(anchorErrors);
            summary.line("");
            summary.line(anchorErrors.isEmpty()
                    ? "The " + ANCHORS + " anchor members stayed connected and leading through every attack."
                    : "Anchor members disturbed: " + anchorErrors.size());
            anchors.forEach(ProtocolParticipant::leave);
        }
    }

    private void measure(LoadService service, Optional<Attack> attack) {
        String label = attack.map(Attack::key).orElse("none (baseline)");
        progress.printf("attacks: %s for %d s%n", label, options.attackTime().toSeconds());
        Optional<Attacker> attacker = attack.map(a -> a.start(service.address(),
                LoadService.loopback(0, 3, 1 + a.ordinal()), options));
        JoinProbes probes = JoinProbes.start(service.address(), anchorNames(), options.probeRate());
        pause(options.attackTime());
        JoinProbes.Result result = probes.stop();
        Optional<Attacker.Effect> effect = attacker.map(Attacker::stop);
        Latency joins = result.joins();
        summary.line(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %d | %s |", label, joins.count(),
                Latency.millis(joins.p50()), Latency.millis(joins.p99()), Latency.millis(joins.max()),
                Latency.millis(result.connects().p99()), result.errors().size(),
                attack.map(a -> a.description() + ": " + effect.orElseThrow().description()).orElse("")));
        result.errors().forEach(error -> summary.error(label + ": " + error));
        if (joins.count() == 0) {
            summary.error(label + ": no well-behaved join was answered");
        }
        effect.filter(e -> !e.tookEffect())
                .ifPresent(e -> summary.error(label + ": the attack did not show at the service: " + e.description()));
    }

    private static List<String> anchorNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ANCHORS; i++) {
            names.add("anchor" + i);
        }
        return names;
    }

    static void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
