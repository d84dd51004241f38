package io.leaderlatch.client;

/** The protocol's rule for group and client names: 1 to 256 bytes of printable ASCII, no space. */
final class Names {

    static final int MAX_LENGTH = 256;

    private Names() {
    }

    static String check(String what, String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_LENGTH + " characters: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException(what + " may hold only printable ASCII without spaces: '" + name + "'");
            }
        }
        return name;
    }
}
