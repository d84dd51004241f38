package io.leaderlatch.config;

import io.leaderlatch.net.IpLiterals;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * A network in CIDR form, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a network of
 * one. Parsed without any name lookup.
 *
 * @param network the address bits, as an unsigned number
 * @param prefix how many leading bits must match
 * @param bits 32 for IPv4, 128 for IPv6
 */
public record Cidr(BigInteger network, int prefix, int bits) {

    /** Parses {@code text}; empty when it is not an IP literal with an optional {@code /prefix}. */
    public static Optional<Cidr> parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        boolean v4 = IpLiterals.isIpv4(address);
        if (!v4 && !IpLiterals.isIpv6(address)) {
            return Optional.empty();
        }
        int bits = v4 ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (!digits.matches("[0-9]{1,3}") || Integer.parseInt(digits) > bits) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
        }
        try {
            // An IP literal: getByName parses it without any lookup.
            return Optional.of(new Cidr(number(InetAddress.getByName(address)), prefix, bits));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** True when {@code address} lies in this network (an IPv4 address never matches an IPv6 network). */
    public boolean contains(InetAddress address) {
        if (address.getAddress().length * 8 != bits) {
            return false;
        }
        int shift = bits - prefix;
        return number(address).shiftRight(shift).equals(network.shiftRight(shift));
    }

    private static BigInteger number(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    @Override
    public String toString() {
        try {
            byte[] raw = network.toByteArray();
            byte[] address = new byte[bits / 8];
            int copy = Math.min(raw.length, address.length);
            System.arraycopy(raw, raw.length - copy, address, address.length - copy, copy);
            return InetAddress.getByAddress(address).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return network + "/" + prefix;
        }
    }
}
