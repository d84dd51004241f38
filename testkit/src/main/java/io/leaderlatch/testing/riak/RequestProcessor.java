package io.leaderlatch.testing.riak;

import io.leaderlatch.testing.riak.ClusterData.Stored;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbContent;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbDelReq;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbGetReq;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbGetResp;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbPutReq;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbPutResp;
import shaded.com.basho.riak.protobuf.RiakMessageCodes;
import shaded.com.basho.riak.protobuf.RiakPB.RpbGetServerInfoResp;
import shaded.com.google.protobuf.ByteString;
import shaded.com.google.protobuf.InvalidProtocolBufferException;

import java.util.Optional;

/**
 * Answers one request of one node the way Riak's key/value service does, applying it to the
 * shared {@link ClusterData}. Knows nothing of connections or faults.
 */
final class RequestProcessor {

    static final String SERVER_VERSION = "3.2.1-test";

    private final ClusterData data;
    private final String nodeName;

    RequestProcessor(ClusterData data, String nodeName) {
        this.data = data;
        this.nodeName = nodeName;
    }

    PbMessage answer(PbMessage request) {
        try {
            return switch (request.code()) {
                case RiakMessageCodes.MSG_PingReq -> PbMessage.empty(RiakMessageCodes.MSG_PingResp);
                case RiakMessageCodes.MSG_GetServerInfoReq -> serverInfo();
                case RiakMessageCodes.MSG_GetReq -> get(RpbGetReq.parseFrom(request.body()));
                case RiakMessageCodes.MSG_PutReq -> put(RpbPutReq.parseFrom(request.body()));
                case RiakMessageCodes.MSG_DelReq -> delete(RpbDelReq.parseFrom(request.body()));
                default -> PbMessage.error("unknown message code " + request.code());
            };
        } catch (RiakError e) {
            return PbMessage.error(e.getMessage());
        } catch (InvalidProtocolBufferException e) {
            return PbMessage.error("cannot decode message code " + request.code() + ": " + e.getMessage());
        }
    }

    private PbMessage serverInfo() {
        return PbMessage.of(RiakMessageCodes.MSG_GetServerInfoResp, RpbGetServerInfoResp.newBuilder()
                .setNode(ByteString.copyFromUtf8(nodeName))
                .setServerVersion(ByteString.copyFromUtf8(SERVER_VERSION))
                .build());
    }

    private PbMessage get(RpbGetReq request) {
        ByteString bucket = nonEmpty("Bucket", request.getBucket());
        ByteString key = nonEmpty("Key", request.getKey());
        String type = type(request.hasType(), request.getType());
        RpbGetResp.Builder response = RpbGetResp.newBuilder();
        // Not found is an RpbGetResp without content and vclock: an empty body.
        data.get(type, bucket, key).ifPresent(stored -> {
            if (request.hasIfModified() && request.getIfModified().equals(stored.vclock())) {
                response.setUnchanged(true);
            } else {
                response.addContent(request.getHead() ? withoutValue(stored) : stored.content())
                        .setVclock(stored.vclock());
            }
        });
        return PbMessage.of(RiakMessageCodes.MSG_GetResp, response.build());
    }

    private PbMessage put(RpbPutReq request) {
        ByteString bucket = nonEmpty("Bucket", request.getBucket());
        if (!request.hasKey()) {
            throw new RiakError("Key is required: this test server does not generate keys");
        }
        ByteString key = nonEmpty("Key", request.getKey());
        String type = type(request.hasType(), request.getType());
        Stored stored = data.put(type, bucket, key, vclock(request.hasVclock(), request.getVclock()),
                request.getIfNoneMatch(), request.getContent());
        RpbPutResp.Builder response = RpbPutResp.newBuilder();
        // Like Riak, the new version is only sent back when asked for; riak-client reads the
        // vclock only from a response that has content.
        if (request.getReturnHead() || request.getReturnBody()) {
            response.addContent(request.getReturnHead() ? withoutValue(stored) : stored.content())
                    .setVclock(stored.vclock());
        }
        return PbMessage.of(RiakMessageCodes.MSG_PutResp, response.build());
    }

    private PbMessage delete(RpbDelReq request) {
        ByteString bucket = nonEmpty("Bucket", request.getBucket());
        ByteString key = nonEmpty("Key", request.getKey());
        String type = type(request.hasType(), request.getType());
        data.delete(type, bucket, key, vclock(request.hasVclock(), request.getVclock()));
        return PbMessage.empty(RiakMessageCodes.MSG_DelResp);
    }

    private static ByteString nonEmpty(String what, ByteString bytes) {
        if (bytes.isEmpty()) {
            throw new RiakError(what + " cannot be zero-length");
        }
        return bytes;
    }

    /** A request without a type addresses the {@code default} type, as in Riak. */
    private static String type(boolean present, ByteString type) {
        return present ? nonEmpty("Type", type).toStringUtf8() : "default";
    }

    /** Riak reads an empty vclock as no vclock at all. */
    private static Optional<ByteString> vclock(boolean present, ByteString vclock) {
        return present && !vclock.isEmpty() ? Optional.of(vclock) : Optional.empty();
    }

    private static RpbContent withoutValue(Stored stored) {
        return stored.content().toBuilder().setValue(ByteString.EMPTY).build();
    }
}
