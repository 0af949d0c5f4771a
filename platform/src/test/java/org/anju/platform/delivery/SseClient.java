package org.anju.platform.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.platform.Json;

/**
 * A server-sent-events client for tests that parses the stream the way a browser's EventSource
 * does: events are dispatched at blank lines when they carry data, {@code id:} lines set the last
 * event id even without data, comment lines are counted.
 */
final class SseClient implements AutoCloseable {

    /** A dispatched event. */
    record Event(long id, String type, JsonNode data) {
    }

    private static final Object CLOSED = new Object();

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final HttpResponse<Stream<String>> response;
    private volatile String lastEventId;
    private volatile int comments;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Connects; {@code lastEventId} may be null. Returns the status of a refused request in {@link #status()}. */
    static SseClient connect(HttpClient http, String url, String token, String lastEventId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    /** Returns the id a reconnecting browser would send as Last-Event-ID. */
    String lastEventId() {
        return lastEventId;
    }

    int comments() {
        return comments;
    }

    /** Returns the next event, failing when none comes within the deadline or the stream ends. */
    Event next(Duration deadline) throws InterruptedException {
        Object item = received.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new AssertionError("no event within " + deadline);
        }
        if (item == CLOSED) {
            throw new AssertionError("the stream ended");
        }
        return (Event) item;
    }

    /** Reads events until one with the given id, returning all of them, that one included. */
    List<Event> until(long id, Duration deadline) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        Event event;
        do {
            event = next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            events.add(event);
        } while (event.id() != id);
        return events;
    }

    private void read() {
        StringBuilder data = new StringBuilder();
        String type = "message";
        String id = null;
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (id != null) {
                        lastEventId = id;
                    }
                    if (!data.isEmpty()) {
                        received.add(new Event(Long.parseLong(lastEventId), type, Json.MAPPER.readTree(data.toString())));
                    }
                    data.setLength(0);
                    type = "message";
                    id = null;
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the stream was closed
        } finally {
            received.add(CLOSED);
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
