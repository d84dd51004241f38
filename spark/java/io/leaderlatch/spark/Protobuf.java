package io.leaderlatch.spark;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The little of the protocol buffers wire format that Riak's get, put and delete need: fields of
 * bytes (nested messages included) and of varints. Written by hand so that the adapter brings no
 * protobuf or Netty into a Spark master.
 */
final class Protobuf {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private Protobuf() {
    }

    /** Builds one message, field by field. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer bytes(int field, byte[] value) {
            varint((long) field << 3 | LENGTH_DELIMITED);
            varint(value.length);
            out.writeBytes(value);
            return this;
        }

        Writer bool(int field, boolean value) {
            varint((long) field << 3 | VARINT);
            varint(value ? 1 : 0);
            return this;
        }

        Writer uint(int field, long value) {
            varint((long) field << 3 | VARINT);
            varint(value);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void varint(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                out.write((int) (rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            out.write((int) rest);
        }
    }

    /** Every length-delimited value of {@code field} in {@code message}, in order; other fields skipped. */
    static List<byte[]> bytesFields(byte[] message, int field) {
        List<byte[]> values = new ArrayList<>();
        int[] position = {0};
        while (position[0] < message.length) {
            long tag = readVarint(message, position);
            int wireType = (int) (tag & 7);
            switch (wireType) {
                case VARINT -> readVarint(message, position);
                case FIXED64 -> position[0] += 8;
                case FIXED32 -> position[0] += 4;
                case LENGTH_DELIMITED -> {
                    int length = Math.toIntExact(readVarint(message, position));
                    if (length < 0 || position[0] + length > message.length) {
                        throw new IllegalArgumentException("truncated message");
                    }
                    if (tag >>> 3 == field) {
                        byte[] value = new byte[length];
                        System.arraycopy(message, position[0], value, 0, length);
                        values.add(value);
                    }
                    position[0] += length;
                }
                default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
            }
        }
        return values;
    }

    /** The first length-delimited value of {@code field}, if any. */
    static Optional<byte[]> bytesField(byte[] message, int field) {
        List<byte[]> values = bytesFields(message, field);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static long readVarint(byte[] message, int[] position) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position[0] >= message.length) {
                throw new IllegalArgumentException("truncated varint");
            }
            byte b = message[position[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
