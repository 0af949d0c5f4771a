package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.api.AccessWorld.Caller;
import org.anju.platform.testing.RunningPlatform;

/**
 * Least privilege as one table ({@code role-matrix.txt}): every route of the API, called over real
 * HTTP by every role and without a session, on targets in the caller's own community, another
 * community of the same company, another company's community, fire and other data, and things
 * that do not exist, must answer the status the table says. The table must name every route of
 * {@code openapi.yaml} and of the router, and no other.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RoleMatrixIT {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private static RunningPlatform running;
    private static AccessWorld world;
    private static MatrixTargets targets;
    private static RoleMatrix matrix;

    @BeforeAll
    static void start() throws Exception {
        matrix = RoleMatrix.load();
        // storms of two alerts, so that each community has an incident; webhook targets on this machine
        running = RunningPlatform.start(Map.of("ANJU_ALERTS_STORM_THRESHOLD", "2",
                "ANJU_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true"));
        world = AccessWorld.build(running);
        targets = MatrixTargets.build(world);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void everyRouteAnswersEveryRoleAsTheMatrixSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (RoleMatrix.Row row : matrix.rows()) {
            for (Caller caller : Caller.values()) {
                Answer answer = call(row, caller);
                calls++;
                int expected = row.expected().get(caller);
                if (answer.status() != expected) {
                    wrong.add("line %d: %s %s [%s] as %s: expected %d, got %d %s".formatted(row.line(), row.method(),
                            row.path(), row.target(), caller, expected, answer.status(), abbreviated(answer.body())));
                }
            }
        }
        assertThat(calls).isEqualTo(matrix.rows().size() * Caller.values().length);
        assertThat(wrong).as("calls that answered otherwise than role-matrix.txt says").isEmpty();
    }

    @Test
    void theMatrixNamesEveryRouteAndOnlyRoutesThatExist() throws Exception {
        Set<String> documented = documentedRoutes();
        Set<String> served = new HashSet<>(running.platform().http().apiRoutes());
        Set<String> existing = new TreeSet<>(documented);
        existing.addAll(served);

        Set<String> missing = new TreeSet<>(existing);
        missing.removeAll(matrix.routes());
        Set<String> unknown = new TreeSet<>(matrix.routes());
        unknown.removeAll(existing);

        assertThat(served).isNotEmpty();
        SoftAssertions.assertSoftly(both -> {
            both.assertThat(missing).as("routes of openapi.yaml or the router without a row in role-matrix.txt").isEmpty();
            both.assertThat(unknown).as("rows of role-matrix.txt for routes that neither openapi.yaml nor the router has")
                    .isEmpty();
        });
    }

    @Test
    void theMatrixReaderRefusesAMalformedRow() {
        assertThatThrownBy(() -> RoleMatrix.parse("GET /api/v1/me - 200 200"))
                .hasMessage("role-matrix.txt line 1: expected method, path, target and 8 statuses, found 5 words");
        assertThat(RoleMatrix.fill("/a/{x}?b={y}", Map.of("x", "1", "y", "2"))).isEqualTo("/a/1?b=2");
    }

    private static Answer call(RoleMatrix.Row row, Caller caller) throws Exception {
        Map<String, String> values = new HashMap<>(targets.values(row.target()));
        // the caller's name and password, unless the target names a user of its own (username=vic)
        values.putIfAbsent("username", caller == Caller.ANONYMOUS ? "nobody" : caller.username);
        values.putIfAbsent("password", caller == Caller.ANONYMOUS ? "wrong-password" : caller.password());
        String token = world.token(caller);
        if (token != null && row.route().equals("POST /api/v1/auth/logout")) {
            // a session of its own: logging out must not end the session the other rows use
            token = running.login(caller.username, caller.password());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.baseUrl() + path(row.path(), values)))
                .timeout(CALL_TIMEOUT);
        String body = matrix.body(row);
        request.method(row.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(RoleMatrix.fill(body, values)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // streams (server-sent events) never end: take the status, then hang up
        HttpResponse<InputStream> answer = running.http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = answer.body()) {
            boolean stream = answer.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            return new Answer(answer.statusCode(), stream ? "(event stream)" : new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    /** Fills the path's placeholders, each value encoded for a URL. */
    private static String path(String template, Map<String, String> values) {
        Map<String, String> encoded = new HashMap<>();
        values.forEach((k, v) -> encoded.put(k, URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return RoleMatrix.fill(template, encoded);
    }

    private static Set<String> documentedRoutes() throws IOException {
        Set<String> routes = new HashSet<>();
        try (InputStream in = RoleMatrixIT.class.getResourceAsStream("/openapi.yaml")) {
            JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(in).get("paths");
            paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (HTTP_METHODS.contains(method)) {
                    routes.add(method.toUpperCase() + " " + path.getKey());
                }
            }));
        }
        return routes;
    }

    private static String abbreviated(String body) {
        return body.length() <= 160 ? body : body.substring(0, 160) + "…";
    }

    /** The status of an answer and what was read of its body. */
    private record Answer(int status, String body) {
    }
}
