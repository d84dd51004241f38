package io.leaderlatch.config;

import java.util.regex.Pattern;

/** Checks a setting that names a host of this machine: an IP literal or a DNS name, as text. */
final class HostNames {

    // RFC 1123 labels: letters, digits and inner hyphens, 1 to 63 characters.
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private HostNames() {
    }

    /** {@code 127.0.0.1}, {@code ::1} or {@code jmx.example.net}; not {@code [::1]}, {@code 300.1.1.1} or {@code a b}. */
    static boolean isIpLiteralOrHostName(String host) {
        return IpLiterals.isIpv4(host) || IpLiterals.isIpv6(host) || isHostName(host);
    }

    private static boolean isHostName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // An all-digit last label would make 300.1.1.1 a "name"; no top-level domain is all digits.
        return !DIGITS.matcher(labels[labels.length - 1]).matches();
    }
}
