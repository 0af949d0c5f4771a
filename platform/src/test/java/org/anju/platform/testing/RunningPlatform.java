package org.anju.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.platform.AnjuPlatform;
import org.anju.platform.Json;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.config.ConfigLoader;

/**
 * The all-in-one platform on free ports over a fresh test database, with an HTTP client for its
 * API. Closing it stops the platform and drops the database.
 */
public final class RunningPlatform implements AutoCloseable {

    private final TestDatabases.TestDatabase database;
    private final AnjuPlatform platform;
    private final boolean ownsDatabase;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningPlatform(TestDatabases.TestDatabase database, AnjuPlatform platform, boolean ownsDatabase) {
        this.database = database;
        this.platform = platform;
        this.ownsDatabase = ownsDatabase;
    }

    /**
     * Starts another platform instance on the database of {@code first} (as the instances of a
     * scale-out deployment share one); closing it leaves the database to {@code first}.
     */
    public static RunningPlatform alongside(RunningPlatform first, Map<String, String> overrides) throws IOException {
        return new RunningPlatform(first.database, AnjuPlatform.start(config(first.database, overrides,
                UnaryOperator.identity())), false);
    }

    /** Starts a platform; {@code overrides} are extra ANJU_* variables. */
    public static RunningPlatform start(Map<String, String> overrides) throws IOException {
        return start(TestDatabases.primary(), overrides);
    }

    /** Starts a platform over a fresh database on the given backend. */
    public static RunningPlatform start(TestDatabases.Backend backend, Map<String, String> overrides) throws IOException {
        return start(backend, overrides, UnaryOperator.identity());
    }

    /**
     * Starts a platform over a fresh database on the given backend, reaching it through the URL
     * that {@code route} makes of the database's URL (e.g. through a {@link TcpProxy}).
     */
    public static RunningPlatform start(TestDatabases.Backend backend, Map<String, String> overrides,
            UnaryOperator<String> route) throws IOException {
        return start(backend.create(), overrides, route);
    }

    /**
     * Starts a platform over a database the test prepared (e.g. at an older schema, with rows);
     * closing drops it like a fresh one.
     */
    public static RunningPlatform startOn(TestDatabases.TestDatabase database, Map<String, String> overrides)
            throws IOException {
        return start(database, overrides, UnaryOperator.identity());
    }

    private static RunningPlatform start(TestDatabases.TestDatabase database, Map<String, String> overrides,
            UnaryOperator<String> route) throws IOException {
        AnjuConfig config = config(database, overrides, route);
        try {
            return new RunningPlatform(database, AnjuPlatform.start(config), true);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static AnjuConfig config(TestDatabases.TestDatabase database, Map<String, String> overrides,
            UnaryOperator<String> route) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("ANJU_DB_URL", route.apply(database.url()));
        env.put("ANJU_DATA_DIR", Files.createTempDirectory("anju-test-data").toString());
        env.put("ANJU_HTTP_HOST", "127.0.0.1");
        env.put("ANJU_HTTP_PORT", "0");
        env.put("ANJU_MQTT_HOST", "127.0.0.1");
        env.put("ANJU_MQTT_PORT", "0");
        env.put("ANJU_SECURITY_BCRYPT_COST", Integer.toString(Fixtures.TEST_BCRYPT_COST));
        // the tests pay through the sandbox provider, which a production platform does not offer
        env.put("ANJU_PAYMENTS_SANDBOX_ENABLED", "true");
        env.putAll(overrides);
        return ConfigLoader.load(Optional.empty(), env);
    }

    public AnjuPlatform platform() {
        return platform;
    }

    public Fixtures fixtures() {
        return new Fixtures(platform.database().dataSource(), platform.auth().sessions()::userChanged);
    }

    /** Returns the JDBC URL of the platform's database (credentials included). */
    public String databaseUrl() {
        return database.url();
    }

    public String mqttUri() {
        return "tcp://127.0.0.1:" + platform.mqttPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + platform.httpPort();
    }

    /** Logs in and returns the session token; fails the test when log-in fails. */
    public String login(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/v1/auth/login",
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("log-in as " + username + " failed: " + response.statusCode() + " " + response.body());
        }
        return Json.MAPPER.readTree(response.body()).get("token").asText();
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * GETs the path and asserts an error answer with that status whose message contains the text.
     */
    public void assertRefused(String path, String token, int status, String messagePart)
            throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, token);
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(json(response).get("error").get("message").asText()).as(path)
                .contains(messagePart);
    }

    /** Runs SQL statements on the platform's database. */
    public void sql(String statements) {
        TestSql.execute(platform.database().dataSource(), statements);
    }

    /** Returns the rows of a query on the platform's database, each row's columns joined by spaces. */
    public List<String> sqlRows(String query) {
        return TestSql.rows(platform.database().dataSource(), query);
    }

    public HttpClient http() {
        return http;
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    @Override
    public void close() {
        platform.close();
        if (ownsDatabase) {
            database.close();
        }
    }
}
