package io.leaderlatch.testing.riak;

import shaded.com.basho.riak.protobuf.RiakKvPB.RpbPutReq;
import shaded.com.basho.riak.protobuf.RiakMessageCodes;
import shaded.com.google.protobuf.InvalidProtocolBufferException;

import java.time.Duration;

/**
 * How much later a node answers, by kind of request, e.g. the latencies measured on a real Riak
 * cluster with strong consistency, where a read, a create and a conditional update each cost a
 * different number of ensemble round trips.
 *
 * @param get    a get
 * @param create a put without a vclock (create if absent)
 * @param update a put with a vclock, or a delete (both conditional on the current version)
 * @param other  anything else: ping, server info
 */
public record RequestLatency(Duration get, Duration create, Duration update, Duration other) {

    public static final RequestLatency NONE = uniform(Duration.ZERO);

    public RequestLatency {
        for (Duration delay : new Duration[] {get, create, update, other}) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + delay);
            }
        }
    }

    /** The same delay for every answer. */
    public static RequestLatency uniform(Duration delay) {
        return new RequestLatency(delay, delay, delay, delay);
    }

    Duration of(PbMessage request) {
        return switch (request.code()) {
            case RiakMessageCodes.MSG_GetReq -> get;
            case RiakMessageCodes.MSG_DelReq -> update;
            case RiakMessageCodes.MSG_PutReq -> hasVclock(request) ? update : create;
            default -> other;
        };
    }

    private static boolean hasVclock(PbMessage put) {
        try {
            RpbPutReq request = RpbPutReq.parseFrom(put.body());
            return request.hasVclock() && !request.getVclock().isEmpty();
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }
}
