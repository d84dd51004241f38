package io.leaderlatch.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Checks IP address literals as text, so that nothing is ever looked up in DNS. Riak's {@code ip}
 * datatype takes literals only, and so does the service.
 */
public final class IpLiterals {

    // No leading zeros: "010" means 8 to some tools and 10 to others, and the JDK rejects it.
    private static final String OCTET = "(0|[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private IpLiterals() {
    }

    /** A dotted quad such as {@code 127.0.0.1}. */
    public static boolean isIpv4(String text) {
        return IPV4.matcher(text).matches();
    }

    /** An IPv6 address in text form, e.g. {@code ::1}, {@code fe80::1}, {@code ::ffff:10.0.0.1}; no zone id. */
    public static boolean isIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap < 0) {
            return groups(text, true) == 8;
        }
        if (text.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String tail = text.substring(gap + 2);
        int head = groups(text.substring(0, gap), false);
        int rest = groups(tail, true);
        // "::" stands for at least one group of zeros.
        return head >= 0 && rest >= 0 && head + rest <= 7;
    }

    /**
     * True for a literal that stands for every local address ({@code 0.0.0.0}, {@code ::}), which
     * can be bound but not sent to. Only call with a literal that passed {@link #isIpv4} or
     * {@link #isIpv6}: the JDK then parses it without looking anything up.
     */
    public static boolean isWildcard(String literal) {
        try {
            return InetAddress.getByName(literal).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }

    /**
     * Counts the 16-bit groups in a ':'-separated run, or -1 when it is malformed. An IPv4 quad may
     * end the address and counts as two groups.
     */
    private static int groups(String run, boolean endsAddress) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            if (HEX_GROUP.matcher(parts[i]).matches()) {
                count++;
            } else if (endsAddress && i == parts.length - 1 && isIpv4(parts[i])) {
                count += 2;
            } else {
                return -1;
            }
        }
        return count;
    }
}
