package io.leaderlatch.testing.riak;

import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbContent;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbGetReq;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbGetResp;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbPutReq;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbPutResp;
import shaded.com.basho.riak.protobuf.RiakMessageCodes;
import shaded.com.basho.riak.protobuf.RiakPB.RpbErrorResp;
import shaded.com.basho.riak.protobuf.RiakPB.RpbGetServerInfoResp;
import shaded.com.google.protobuf.ByteString;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What riak-client does not show: the exact messages on the wire, and the sockets themselves. */
class RiakPbWireTest {

    @RegisterExtension
    final RiakTestClusterExtension riak = RiakTestClusterExtension.withNodes(2);

    @Test
    void serverInfoNamesTheNodeAndTheVersion() throws IOException {
        try (RawPbConnection connection = RawPbConnection.open(riak.cluster().node(1).address())) {
            PbMessage answer = connection.call(RiakMessageCodes.MSG_GetServerInfoReq);

            assertThat(answer.code()).isEqualTo(RiakMessageCodes.MSG_GetServerInfoResp);
            RpbGetServerInfoResp info = RpbGetServerInfoResp.parseFrom(answer.body());
            assertThat(info.getNode().toStringUtf8()).isEqualTo("riak1@127.0.0.1").isEqualTo(riak.cluster().node(1).name());
            assertThat(info.getServerVersion().toStringUtf8()).isEqualTo("3.2.1-test");
        }
    }

    @Test
    void anUnknownMessageCodeIsAnErrorAndTheConnectionStaysOpen() throws IOException {
        try (RawPbConnection connection = connect()) {
            assertThat(errmsg(connection.call(99))).isEqualTo("unknown message code 99");

            assertThat(connection.call(RiakMessageCodes.MSG_PingReq).code()).isEqualTo(RiakMessageCodes.MSG_PingResp);
        }
    }

    @Test
    void notFoundIsAnEmptyGetResponse() throws IOException {
        try (RawPbConnection connection = connect()) {
            PbMessage answer = connection.call(RiakMessageCodes.MSG_GetReq, get("k").build());

            assertThat(answer.code()).isEqualTo(RiakMessageCodes.MSG_GetResp);
            assertThat(answer.body()).isEmpty();
        }
    }

    @Test
    void aGetWithTheCurrentVclockAsIfModifiedAnswersUnchanged() throws IOException {
        try (RawPbConnection connection = connect()) {
            ByteString vclock = RpbPutResp.parseFrom(
                    connection.call(RiakMessageCodes.MSG_PutReq, put("k", "v1").setReturnHead(true).build()).body())
                    .getVclock();

            RpbGetResp answer = RpbGetResp.parseFrom(
                    connection.call(RiakMessageCodes.MSG_GetReq, get("k").setIfModified(vclock).build()).body());

            assertThat(answer.getUnchanged()).isTrue();
            assertThat(answer.getContentCount()).isZero();
        }
    }

    @Test
    void returnHeadAnswersTheVclockAndContentWithoutValue() throws IOException {
        try (RawPbConnection connection = connect()) {
            RpbPutResp answer = RpbPutResp.parseFrom(
                    connection.call(RiakMessageCodes.MSG_PutReq, put("k", "v1").setReturnHead(true).build()).body());

            assertThat(answer.getVclock().isEmpty()).isFalse();
            assertThat(answer.getContentCount()).isEqualTo(1);
            assertThat(answer.getContent(0).getValue().isEmpty()).isTrue();
        }
    }

    @Test
    void anEmptyVclockCountsAsNone() throws IOException {
        try (RawPbConnection connection = connect()) {
            PbMessage answer = connection.call(RiakMessageCodes.MSG_PutReq, put("k", "v1").setVclock(ByteString.EMPTY).build());

            assertThat(answer.code()).isEqualTo(RiakMessageCodes.MSG_PutResp);
        }
    }

    @Test
    void ifNoneMatchOnAnExistingKeyOfANonConsistentTypeIsMatchFound() throws IOException {
        try (RawPbConnection connection = connect()) {
            connection.call(RiakMessageCodes.MSG_PutReq, put("k", "v1").setType(ByteString.copyFromUtf8("default")).build());

            PbMessage answer = connection.call(RiakMessageCodes.MSG_PutReq,
                    put("k", "v2").setType(ByteString.copyFromUtf8("default")).setIfNoneMatch(true).build());

            assertThat(errmsg(answer)).isEqualTo("match_found");
        }
    }

    @Test
    void aZeroLengthKeyIsRefused() throws IOException {
        try (RawPbConnection connection = connect()) {
            assertThat(errmsg(connection.call(RiakMessageCodes.MSG_GetReq, get("").build())))
                    .isEqualTo("Key cannot be zero-length");
        }
    }

    @Test
    void aCutOffNodeClosesNewConnectionsRightAfterAcceptingThem() throws IOException {
        RiakTestNode node = riak.cluster().node(0);
        node.cutOff();

        try (RawPbConnection connection = connect()) {
            assertThat(connection.closedByServer()).isTrue();
        }

        node.restore();
        try (RawPbConnection connection = connect()) {
            assertThat(connection.call(RiakMessageCodes.MSG_PingReq).code()).isEqualTo(RiakMessageCodes.MSG_PingResp);
        }
    }

    @Test
    void closeFreesThePorts() {
        InetSocketAddress address;
        try (RiakTestCluster cluster = RiakTestCluster.start(1)) {
            address = cluster.node(0).address();
        }

        assertThatThrownBy(() -> new Socket().connect(address, (int) Timing.patience().toMillis()))
                .isInstanceOf(IOException.class);
    }

    private RawPbConnection connect() throws IOException {
        return RawPbConnection.open(riak.cluster().node(0).address());
    }

    private static RpbGetReq.Builder get(String key) {
        return RpbGetReq.newBuilder()
                .setType(ByteString.copyFromUtf8("strong"))
                .setBucket(ByteString.copyFromUtf8("b"))
                .setKey(ByteString.copyFromUtf8(key));
    }

    private static RpbPutReq.Builder put(String key, String value) {
        return RpbPutReq.newBuilder()
                .setType(ByteString.copyFromUtf8("strong"))
                .setBucket(ByteString.copyFromUtf8("b"))
                .setKey(ByteString.copyFromUtf8(key))
                .setContent(RpbContent.newBuilder().setValue(ByteString.copyFromUtf8(value)));
    }

    private static String errmsg(PbMessage answer) throws IOException {
        assertThat(answer.code()).isEqualTo(RiakMessageCodes.MSG_ErrorResp);
        return RpbErrorResp.parseFrom(answer.body()).getErrmsg().toStringUtf8();
    }
}
