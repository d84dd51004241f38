package io.leaderlatch.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Design invariant 4 at one moment after a heal: every group with open members has one leader, an
 * open member of the group, that every open member was told last; the group record lists exactly
 * the open members (no member lost while its connection is open, none left behind), the leader
 * first; and no JOIN is still unanswered.
 */
final class Settled {

    private Settled() {
    }

    /** Why the groups have not settled: the first group found wanting (or a client), and what is wrong. */
    record Unsettled(String group, String why) {
    }

    /**
     * @param records the member names of a group's record in the store, in order (empty if absent)
     * @return why the groups have not settled, if they have not
     */
    static Optional<Unsettled> problem(History history, Function<String, List<String>> records) {
        Map<String, ClientState> states = new LinkedHashMap<>();
        for (Entry entry : history.entries()) {
            if (!entry.actor().equals(Entry.HARNESS)) {
                states.computeIfAbsent(entry.actor(), c -> new ClientState()).add(entry);
            }
        }
        Map<String, List<String>> openByGroup = new LinkedHashMap<>();
        for (var placed : history.placements().entrySet()) {
            ClientState state = states.getOrDefault(placed.getKey(), new ClientState());
            if (state.ended) {
                continue;
            }
            if (state.lastLeader == null) {
                return Optional.of(new Unsettled(placed.getValue().group(),
                        placed.getKey() + " has no answer to its JOIN yet"));
            }
            openByGroup.computeIfAbsent(placed.getValue().group(), g -> new ArrayList<>()).add(placed.getKey());
        }
        for (var group : openByGroup.entrySet()) {
            List<String> record = records.apply(group.getKey());
            String leader = record.isEmpty() ? "(no record)" : record.get(0);
            List<String> names = group.getValue().stream().map(Entry::clientName).toList();
            if (!names.contains(leader) || !(record.size() == names.size() && record.containsAll(names))) {
                return Optional.of(new Unsettled(group.getKey(), "open members " + group.getValue()
                        + ", record " + record));
            }
            for (String client : group.getValue()) {
                String told = states.get(client).lastLeader;
                if (!told.equals(leader)) {
                    return Optional.of(new Unsettled(group.getKey(), client + " was last told " + told
                            + ", the record's leader is " + leader));
                }
            }
        }
        return Optional.empty();
    }

    /** What one client knows: the last leader it was told, and whether its connection ended. */
    private static final class ClientState {
        private String lastLeader;
        private boolean ended;

        void add(Entry entry) {
            switch (entry.kind()) {
                case CLOSING, EOF, KILLED -> ended = true;
                case LINE -> {
                    if (entry.detail().startsWith("LEADER ")) {
                        lastLeader = entry.detail().substring("LEADER ".length());
                    }
                }
                default -> {
                }
            }
        }
    }
}
