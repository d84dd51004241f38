package io.leaderlatch.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client in a process of its own, for tests that kill it: joins a group, then prints every line
 * the service sends until it is killed. Arguments: host port group client.
 */
public final class JoiningClient {

    private JoiningClient() {
    }

    public static void main(String[] args) throws Exception {
        try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
            OutputStream out = socket.getOutputStream();
            out.write(("JOIN " + args[2] + " " + args[3] + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println(line);
                System.out.flush();
            }
        }
    }
}
