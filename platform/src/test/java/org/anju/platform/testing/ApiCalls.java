package org.anju.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Authenticated JSON calls on a running platform, answering the parsed body after checking the status.
 */
public final class ApiCalls {

    private final RunningPlatform running;

    public ApiCalls(RunningPlatform running) {
        this.running = running;
    }

    /** GETs and requires the status; returns the body. */
    public JsonNode get(String path, String token, int status) throws IOException, InterruptedException {
        return checked(running.get(path, token), path, status);
    }

    /** POSTs the JSON body and requires the status; returns the answer. */
    public JsonNode post(String path, String token, String body, int status) throws IOException, InterruptedException {
        return send("POST", path, token, body, status);
    }

    /** PUTs the JSON body and requires the status; returns the answer. */
    public JsonNode put(String path, String token, String body, int status) throws IOException, InterruptedException {
        return send("PUT", path, token, body, status);
    }

    /** PATCHes the JSON body and requires the status; returns the answer. */
    public JsonNode patch(String path, String token, String body, int status) throws IOException, InterruptedException {
        return send("PATCH", path, token, body, status);
    }

    private JsonNode send(String method, String path, String token, String body, int status)
            throws IOException, InterruptedException {
        HttpResponse<String> response = running.http().send(HttpRequest.newBuilder(URI.create(running.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return checked(response, path, status);
    }

    /**
     * Opens a community's live device stream with the token and collects its lines into {@code lines}
     * (on a virtual thread); returns once the stream's first line came, when its subscription is in
     * place. Closing the returned stream hangs up.
     */
    public Stream<String> deviceStream(String communityId, String token, List<String> lines)
            throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = running.http().send(HttpRequest.newBuilder(
                URI.create(running.baseUrl() + "/api/v1/communities/" + communityId + "/stream"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Stream<String> body = response.body();
        Thread.ofVirtual().start(() -> {
            try {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test hung up
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !lines.isEmpty());
        return body;
    }

    /** Returns the error message of an error answer. */
    public static String message(JsonNode error) {
        return error.get("error").get("message").asText();
    }

    private static JsonNode checked(HttpResponse<String> response, String path, int status) throws IOException {
        assertThat(response.statusCode()).as(path + " answered " + response.body()).isEqualTo(status);
        return RunningPlatform.json(response);
    }
}
