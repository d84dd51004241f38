package io.leaderlatch.client;

import java.util.OptionalLong;

/** One line from the service, as a value; anything the protocol does not send is {@link Unexpected}. */
sealed interface ServiceLine {

    /**
     * {@code LEADER <name>}, or {@code LEADER <name> <term>} after {@code TERMS}: the answer to the
     * JOIN, or a later push.
     */
    record Leader(String name, OptionalLong term) implements ServiceLine {
    }

    /** {@code TERMS <fence-margin-ms>}: the answer to {@code TERMS}. */
    record Terms(long fenceMarginMillis) implements ServiceLine {
    }

    /** {@code ALREADY_JOINED <group> <client>}: the answer to a confirming JOIN. */
    record AlreadyJoined(String group, String client) implements ServiceLine {
    }

    /** {@code JOIN_FAILED <reason>}; the service closes the connection after it. */
    record JoinFailed(String reason) implements ServiceLine {
    }

    /** {@code ERROR} or anything else: the two sides no longer understand each other. */
    record Unexpected(String line) implements ServiceLine {
    }

    static ServiceLine parse(String line) {
        String[] words = line.strip().split(" +");
        return switch (words[0]) {
            case "LEADER" -> words.length == 2 ? new Leader(words[1], OptionalLong.empty())
                    : words.length == 3 && isNumber(words[2]) ? new Leader(words[1], OptionalLong.of(Long.parseLong(words[2])))
                    : new Unexpected(line);
            case "TERMS" -> words.length == 2 && isNumber(words[1]) ? new Terms(Long.parseLong(words[1])) : new Unexpected(line);
            case "ALREADY_JOINED" -> words.length == 3 ? new AlreadyJoined(words[1], words[2]) : new Unexpected(line);
            case "JOIN_FAILED" -> words.length == 2 ? new JoinFailed(words[1]) : new Unexpected(line);
            default -> new Unexpected(line);
        };
    }

    private static boolean isNumber(String word) {
        return word.length() <= 18 && word.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
