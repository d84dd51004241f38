package io.leaderlatch.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The opt-in Prometheus scrape endpoint: {@code GET /metrics} over plain HTTP on one address,
 * answered from a {@link PrometheusMeterRegistry} in Prometheus's text format. The JDK's own HTTP
 * server serves it on its one dispatcher thread: a scrape every few seconds needs no more, and
 * the service takes on no web framework for it.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    static final String PATH = "/metrics";
    /** Prometheus's text exposition format, which every Prometheus server and agent reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private PrometheusEndpoint(HttpServer server) {
        this.server = server;
    }

    /**
     * Listens on {@code address} (port 0: one the system chooses) and serves {@code registry}.
     *
     * @throws IOException the address cannot be bound (in use, not an address of this host)
     */
    public static PrometheusEndpoint open(InetSocketAddress address, PrometheusMeterRegistry registry) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                serve(exchange, registry);
            }
        });
        server.start();
        return new PrometheusEndpoint(server);
    }

    private static void serve(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            reply(exchange, 404, "text/plain; charset=utf-8", "not found; the meters are at " + PATH + "\n");
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            reply(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            return;
        }
        reply(exchange, 200, CONTENT_TYPE, registry.scrape(CONTENT_TYPE));
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The address it listens on, with the port actually bound. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening at once; a scrape under way is cut short. */
    @Override
    public void close() {
        server.stop(0);
    }
}
