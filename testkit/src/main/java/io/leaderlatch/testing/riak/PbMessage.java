package io.leaderlatch.testing.riak;

import shaded.com.basho.riak.protobuf.RiakMessageCodes;
import shaded.com.basho.riak.protobuf.RiakPB.RpbErrorResp;
import shaded.com.google.protobuf.ByteString;
import shaded.com.google.protobuf.MessageLite;

/**
 * One Riak protocol buffers message: its code and its encoded body, without the length prefix.
 *
 * @param code the message code, 0 to 255
 * @param body the protobuf body; empty for messages without one (ping, delete response)
 */
record PbMessage(int code, byte[] body) {

    static PbMessage empty(int code) {
        return new PbMessage(code, new byte[0]);
    }

    static PbMessage of(int code, MessageLite body) {
        return new PbMessage(code, body.toByteArray());
    }

    /** An {@code RpbErrorResp}; Riak sends code 0 with every error of the key/value API. */
    static PbMessage error(String message) {
        return of(RiakMessageCodes.MSG_ErrorResp, RpbErrorResp.newBuilder()
                .setErrmsg(ByteString.copyFromUtf8(message))
                .setErrcode(0)
                .build());
    }

    /** Whether this is a get, put or delete: a request that needs the cluster's quorum. */
    boolean isKeyValue() {
        return code == RiakMessageCodes.MSG_GetReq || isWrite();
    }

    boolean isWrite() {
        return code == RiakMessageCodes.MSG_PutReq || code == RiakMessageCodes.MSG_DelReq;
    }
}
