package io.leaderlatch.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a master's web UI reports at {@code /json/}: its status ({@code ALIVE}, {@code STANDBY},
 * {@code RECOVERING}, ...) and the state of each worker it lists.
 */
record MasterState(String status, List<String> workerStates) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MILLIS = 2000;

    /** Reads the master's {@code /json/} from within its placement; empty while the UI does not answer. */
    static Optional<MasterState> read(Placement placement, int webUiPort) {
        if (placement.namespace().isEmpty()) {
            return read(webUiPort);
        }
        return placement.httpGet(webUiPort, "/json/").flatMap(MasterState::parse);
    }

    private static Optional<MasterState> parse(String body) {
        try {
            return Optional.of(of(JSON.readTree(body)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static MasterState of(JsonNode root) {
        List<String> workers = new ArrayList<>();
        root.path("workers").forEach(worker -> workers.add(worker.path("state").asText()));
        return new MasterState(root.path("status").asText(), workers);
    }

    /** Reads {@code http://127.0.0.1:<webUiPort>/json/}; empty while the UI does not answer. */
    static Optional<MasterState> read(int webUiPort) {
        try {
            HttpURLConnection connection = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + webUiPort + "/json/").toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            try (InputStream body = connection.getInputStream()) {
                return Optional.of(of(JSON.readTree(body)));
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    boolean alive() {
        return status.equals("ALIVE");
    }

    boolean standby() {
        return status.equals("STANDBY");
    }

    /** ALIVE, listing exactly one worker, and that one ALIVE. */
    boolean aliveWithWorker() {
        return alive() && workerStates.equals(List.of("ALIVE"));
    }
}
