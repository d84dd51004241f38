package io.leaderlatch.testing.riak;

import io.leaderlatch.testing.Timing;
import shaded.com.google.protobuf.MessageLite;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;

/**
 * A blocking protocol buffers connection that sends and reads exactly the bytes of the wire
 * format, for what riak-client cannot send or does not show. Reads wait at most
 * {@link Timing#patience()}.
 */
final class RawPbConnection implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private RawPbConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    static RawPbConnection open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, (int) Timing.patience().toMillis());
        socket.setSoTimeout((int) Timing.patience().toMillis());
        return new RawPbConnection(socket);
    }

    PbMessage call(int code) throws IOException {
        return call(code, new byte[0]);
    }

    PbMessage call(int code, MessageLite body) throws IOException {
        return call(code, body.toByteArray());
    }

    private PbMessage call(int code, byte[] body) throws IOException {
        out.writeInt(1 + body.length);
        out.writeByte(code);
        out.write(body);
        out.flush();
        int length = in.readInt();
        int answerCode = in.readUnsignedByte();
        byte[] answer = new byte[length - 1];
        in.readFully(answer);
        return new PbMessage(answerCode, answer);
    }

    /** Whether the server closes the connection without sending anything first. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
