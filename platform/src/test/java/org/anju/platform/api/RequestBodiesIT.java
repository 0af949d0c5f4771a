package org.anju.platform.api;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * Request bodies at the HTTP edge, spoken over raw sockets so that the test decides how much of a
 * body exists: a request without a session is refused (401) before any byte of its body is read,
 * and a body over the limit is refused (413) before it is read whole, also when it is chunked and
 * announces no length. A refusal of a body still coming closes the connection, so the rest is
 * never read either.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RequestBodiesIT {

    private static final String WEBHOOKS = "/api/v1/webhooks/subscriptions";
    private static final String CHUNKED = "Transfer-Encoding: chunked";
    private static final String DEVICES = "/api/v1/provisioning/tenants/" + Fixtures.TENANT + "/communities/"
            + Fixtures.COMMUNITY + "/devices";
    /** Far more than any limit, and more than socket buffers hold: only a server that reads it all lets it through. */
    private static final long ENDLESS_BYTES = 256L * 1024 * 1024;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");
    private static RunningPlatform running;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        running.fixtures().platformAdmin("root", "root-password");
        token = running.login("root", "root-password");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void aRequestWithoutASessionIsRefusedBeforeItsAnnouncedBodyArrives() throws Exception {
        try (Socket socket = connect()) {
            // 3 MB announced (under the provisioning limit), not one byte sent
            postHead(socket, DEVICES, "Content-Length: 3000000");

            String answer = readAnswer(socket);

            assertThat(answer).startsWith("HTTP/1.1 401 ").contains("log in first");
        }
    }

    @Test
    void aChunkedRequestWithoutASessionIsRefusedWhileItsBodyIsStillComing() throws Exception {
        try (Socket socket = connect()) {
            postHead(socket, DEVICES, "Authorization: Bearer not.a.token", CHUNKED);
            Streaming body = streamChunks(socket);

            String answer = readAnswer(socket);

            assertThat(answer).startsWith("HTTP/1.1 401 ");
            assertThat(body.finished().get(60, TimeUnit.SECONDS)).as("bytes sent before the server hung up")
                    .isLessThan(ENDLESS_BYTES);
        }
    }

    @Test
    void anAnnouncedBodyOverTheLimitIsRefusedUnread() throws Exception {
        try (Socket socket = connect()) {
            postHead(socket, DEVICES, "Authorization: Bearer " + token, "Content-Length: " + ENDLESS_BYTES);

            String answer = readAnswer(socket);

            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("request body too large");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedBeforeItIsReadWhole() throws Exception {
        try (Socket socket = connect()) {
            postHead(socket, WEBHOOKS, "Authorization: Bearer " + token, CHUNKED);
            Streaming body = streamChunks(socket);

            String answer = readAnswer(socket);

            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("request body too large");
            assertThat(body.finished().get(60, TimeUnit.SECONDS)).as("bytes sent before the server hung up")
                    .isLessThan(ENDLESS_BYTES);
        }
    }

    @Test
    void aBodyWithinTheLimitStillArrivesWhole() throws Exception {
        String json = "{\"name\": \"119\", \"url\": \"https://203.0.113.10/hook\", \"topics\": [\"fire.*\"], \"pad\": \""
                + "x".repeat(60_000) + "\"}";
        try (Socket socket = connect()) {
            postHead(socket, WEBHOOKS, "Authorization: Bearer " + token, CHUNKED);
            send(socket, Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n");

            // read whole and judged: the documentation address is refused by name, not for its size
            assertThat(readAnswer(socket)).startsWith("HTTP/1.1 400 ").contains("203.0.113.10");
        }
    }

    /** A body being written on another thread until the server stops reading it. */
    private record Streaming(CompletableFuture<Long> finished) {
    }

    /** Writes 64 KiB chunks until {@link #ENDLESS_BYTES} or until the server closes the connection. */
    private static Streaming streamChunks(Socket socket) {
        AtomicLong sent = new AtomicLong();
        CompletableFuture<Long> finished = CompletableFuture.supplyAsync(() -> {
            byte[] data = new byte[64 * 1024];
            Arrays.fill(data, (byte) 'x');
            byte[] header = (Integer.toHexString(data.length) + "\r\n").getBytes(US_ASCII);
            try {
                OutputStream out = socket.getOutputStream();
                while (sent.get() < ENDLESS_BYTES) {
                    out.write(header);
                    out.write(data);
                    out.write("\r\n".getBytes(US_ASCII));
                    sent.addAndGet(data.length);
                }
            } catch (IOException closedByTheServer) {
                // expected: the server hung up
            }
            return sent.get();
        });
        return new Streaming(finished);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", running.platform().httpPort()));
        // a guard so that a server that waits for the body fails the test instead of hanging it
        socket.setSoTimeout(60_000);
        return socket;
    }

    /** Sends the head of a JSON POST with the extra header lines. */
    private static void postHead(Socket socket, String path, String... headers) throws IOException {
        send(socket, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + String.join("\r\n", headers) + "\r\n\r\n");
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(US_ASCII));
        socket.getOutputStream().flush();
    }

    /**
     * Reads one answer: head and a Content-Length body. Not until the end of the stream: a server
     * that closes with unread request bytes resets the connection, which may drop what follows.
     */
    private static String readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        Matcher length = CONTENT_LENGTH.matcher(head);
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bodyLength), US_ASCII);
    }
}
