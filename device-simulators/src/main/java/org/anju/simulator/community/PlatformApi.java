package org.anju.simulator.community;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.simulator.Json;

/**
 * The platform's HTTP API as the generator and the scenario checker use it: logs in once, then
 * sends JSON with the session token.
 */
public final class PlatformApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String token;

    private PlatformApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** An answer: its status and JSON body (an empty object when it had none). */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status / 100 == 2;
        }

        /** Returns the platform's error message, or the status when there is none. */
        public String errorMessage() {
            String message = body.path("error").path("message").asText("");
            return message.isEmpty() ? "HTTP " + status : message;
        }
    }

    /**
     * Logs in.
     *
     * @throws IOException when the platform cannot be reached or refuses the credentials
     */
    public static PlatformApi login(String baseUrl, String username, String password)
            throws IOException, InterruptedException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        PlatformApi anonymous = new PlatformApi(base, null);
        Answer answer = anonymous.send("POST", "/api/v1/auth/login",
                Json.MAPPER.createObjectNode().put("username", username).put("password", password).toString());
        if (!answer.ok()) {
            throw new IOException("log-in to " + base + " as " + username + " failed: " + answer.errorMessage());
        }
        return new PlatformApi(base, answer.body().path("token").asText());
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    public Answer put(String path, String json) throws IOException, InterruptedException {
        return send("PUT", path, json);
    }

    public Answer post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json);
    }

    /** Encodes a query parameter value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Answer send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IOException("the platform at " + baseUrl + " cannot be reached: " + e.getMessage(), e);
        }
        JsonNode body;
        try {
            body = response.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
        } catch (IOException notJson) {
            body = Json.MAPPER.createObjectNode();
        }
        return new Answer(response.statusCode(), body);
    }
}
