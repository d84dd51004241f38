package io.leaderlatch.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The events of a run, drawn from one {@link Random} seeded once: the same seed gives the same
 * sequence of rounds. A round is some client churn, then one fault held for a while with more
 * churn, then a {@link Event.Heal}, after which the harness checks that the groups settle.
 */
final class Schedule {

    private final Random random;
    private final int instances;
    private final int groups;
    /** The kinds of fault to draw from: the instance faults and the backend's store faults. */
    private final List<Class<? extends Event.Fault>> faults = new ArrayList<>();

    Schedule(long seed, int instances, int groups, List<Class<? extends Event.Fault>> storeFaults) {
        this.random = new Random(seed);
        this.instances = instances;
        this.groups = groups;
        faults.add(Event.KillInstance.class);
        faults.add(Event.Pause.class);
        faults.addAll(storeFaults);
    }

    /** The next round's events, ending with a heal. */
    List<Event> nextRound() {
        List<Event> round = new ArrayList<>();
        churn(round, 2 + random.nextInt(6));
        round.add(fault());
        churn(round, 1 + random.nextInt(4));
        round.add(new Event.Wait(Duration.ofMillis(500 + random.nextInt(5500))));
        round.add(new Event.Heal());
        return round;
    }

    private void churn(List<Event> round, int steps) {
        for (int i = 0; i < steps; i++) {
            int roll = random.nextInt(100);
            if (roll < 40) {
                round.add(new Event.Join(random.nextInt(groups), random.nextInt(instances), random.nextInt(4) == 0));
            } else if (roll < 55) {
                round.add(new Event.Burst(random.nextInt(groups), 2 + random.nextInt(instances), random.nextInt(instances)));
            } else if (roll < 75) {
                round.add(new Event.Close(random.nextInt(1000)));
            } else if (roll < 92) {
                round.add(new Event.Reset(random.nextInt(1000)));
            } else {
                round.add(new Event.KillClientProcess());
            }
            round.add(new Event.Wait(Duration.ofMillis(random.nextInt(400))));
        }
    }

    private Event.Fault fault() {
        int instance = random.nextInt(instances);
        Class<? extends Event.Fault> kind = faults.get(random.nextInt(faults.size()));
        if (kind == Event.KillInstance.class) {
            return new Event.KillInstance(instance, random.nextBoolean());
        } else if (kind == Event.Pause.class) {
            return new Event.Pause(instance);
        } else if (kind == Event.NodeDown.class) {
            return new Event.NodeDown(instance);
        } else if (kind == Event.NodeStopped.class) {
            return new Event.NodeStopped(instance);
        } else if (kind == Event.NodePaused.class) {
            return new Event.NodePaused(instance);
        } else if (kind == Event.QuorumLost.class) {
            return new Event.QuorumLost();
        } else if (kind == Event.ClientHostVanishes.class) {
            return new Event.ClientHostVanishes(random.nextInt(HostChaos.CLIENT_HOSTS));
        } else if (kind == Event.ClientCutFromInstance.class) {
            return new Event.ClientCutFromInstance(random.nextInt(HostChaos.CLIENT_HOSTS), instance);
        } else if (kind == Event.InstanceHostVanishes.class) {
            return new Event.InstanceHostVanishes(instance);
        } else if (kind == Event.InstanceCutFromRiak.class) {
            return new Event.InstanceCutFromRiak(instance);
        } else if (kind == Event.HintsCut.class) {
            return new Event.HintsCut(instance);
        } else if (kind == Event.Latency.class) {
            return new Event.Latency(instance, Duration.ofMillis(100 + random.nextInt(1400)));
        }
        return new Event.ApplyThenTimeout(instance, 1 + random.nextInt(5));
    }
}
