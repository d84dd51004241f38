package io.leaderlatch.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether every member of every group was told its group's leader correctly, from what each
 * member's own connection read: every member names the same leader, that leader is a member of the
 * group, and no member's connection failed or was answered anything but {@code LEADER}.
 */
final class GroupCheck {

    /** What one member has read so far. */
    record Seen(String name, Optional<String> leader, Optional<String> failure) {
    }

    private GroupCheck() {
    }

    /**
     * The errors in {@code groups} (each group's members in the order their joins were answered);
     * with {@code oldestLeads}, the leader must also be the member that joined first, as it must be
     * when no two joins to one group were under way at once.
     */
    static List<String> errors(Map<String, List<Seen>> groups, boolean oldestLeads) {
        List<String> errors = new ArrayList<>();
        groups.forEach((group, members) -> errors.addAll(errors(group, members, oldestLeads)));
        return errors;
    }

    private static List<String> errors(String group, List<Seen> members, boolean oldestLeads) {
        List<String> errors = new ArrayList<>();
        for (Seen member : members) {
            member.failure().ifPresent(why -> errors.add(group + "/" + member.name() + ": " + why));
        }
        if (members.isEmpty() || !errors.isEmpty()) {
            return errors;
        }
        Set<Optional<String>> named = members.stream().map(Seen::leader).collect(Collectors.toSet());
        Optional<String> leader = oldestLeads ? Optional.of(members.get(0).name()) : members.get(0).leader();
        Set<String> names = members.stream().map(Seen::name).collect(Collectors.toSet());
        if (named.size() != 1 || !named.contains(leader) || leader.isEmpty() || !names.contains(leader.get())) {
            errors.add(group + ": its " + members.size() + " members name " + describe(members)
                    + (oldestLeads ? ", not all " + members.get(0).name() + " (the first to join)" : ""));
        }
        return errors;
    }

    private static String describe(List<Seen> members) {
        return members.stream().limit(10)
                .map(member -> member.name() + "->" + member.leader().orElse("(none)"))
                .collect(Collectors.joining(", ")) + (members.size() > 10 ? ", ..." : "");
    }
}
