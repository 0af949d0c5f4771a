package org.anju.platform.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.security.crypto.bcrypt.BCrypt;

import org.anju.platform.Json;
import org.anju.platform.testing.CommandRun;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * {@code anju admin hono-push} against a stand-in for Eclipse Hono's device registry: an HTTP
 * server in this test that implements the part of Hono's management API v1 the push uses
 * ({@code PUT}/{@code POST /v1/devices/{tenant}/{device}}, {@code PUT /v1/credentials/{tenant}/{device}},
 * basic authentication) and checks each request body against the schemas of Hono's OpenAPI
 * document ({@code site/documentation/content/api/management/device-registry-v1.yaml}: {@code Device},
 * {@code PasswordCredentials}, {@code X509CertificateCredentials}, {@code PasswordSecret}, all
 * {@code additionalProperties: false}). It is not Hono: it stores what it is sent.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HonoRegistryPushIT {

    private static final String SECRET = "hono-push-secret";
    private static final Set<String> DEVICE_KEYS = Set.of("enabled", "defaults", "via", "viaGroups", "memberOf",
            "authorities", "downstream-message-mapper", "ext", "status");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("type", "auth-id", "enabled", "ext", "secrets", "cert");
    private static final Set<String> SECRET_KEYS = Set.of("id", "enabled", "not-before", "not-after", "comment",
            "hash-function", "pwd-hash", "salt", "pwd-plain");

    /** The stand-in registry: tenant acme exists; the first requests fail with 503. */
    static final class StandInRegistry implements AutoCloseable {
        final HttpServer server;
        final Map<String, JsonNode> devices = new ConcurrentHashMap<>();
        final Map<String, JsonNode> credentials = new ConcurrentHashMap<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<String> schemaViolations = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger(2);

        StandInRegistry() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String[] path = exchange.getRequestURI().getPath().split("/"); // "", v1, devices|credentials, tenant, device
            String method = exchange.getRequestMethod();
            requests.add(method + " " + exchange.getRequestURI().getPath());
            JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            String auth = "Basic " + Base64.getEncoder().encodeToString("anju:registry-password".getBytes(UTF_8));
            int status;
            if (!auth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
            } else if (failuresLeft.getAndDecrement() > 0) {
                status = 503;
            } else if (path.length != 5 || !path[3].equals(Fixtures.TENANT)) {
                status = 404; // TenantNotFound
            } else {
                String key = path[3] + "/" + path[4];
                status = switch (path[2] + " " + method) {
                    case "devices POST" -> devices.containsKey(key) ? 409 : store(devices, key, device(body), 201);
                    case "devices PUT" -> !devices.containsKey(key) ? 404 : store(devices, key, device(body), 204);
                    case "credentials PUT" -> !devices.containsKey(key) ? 404 : store(credentials, key,
                            credentials(body), 204);
                    default -> 405;
                };
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        private static int store(Map<String, JsonNode> map, String key, JsonNode body, int status) {
            if (body == null) {
                return 400; // MalformedRequest
            }
            map.put(key, body);
            return status;
        }

        /** Hono's {@code Device} schema: an object of known properties, {@code via} an array of strings. */
        private JsonNode device(JsonNode body) {
            boolean valid = body.isObject() && onlyKeys(body, DEVICE_KEYS) && (!body.has("enabled")
                    || body.get("enabled").isBoolean()) && (!body.has("via") || allText(body.get("via")));
            return valid ? body : violation("Device", body);
        }

        /** Hono's {@code CredentialsSet}: password credentials with bcrypt secrets, or X.509 credentials with one secret. */
        private JsonNode credentials(JsonNode body) {
            if (!body.isArray()) {
                return violation("CredentialsSet", body);
            }
            for (JsonNode credential : body) {
                String type = credential.path("type").asText();
                JsonNode secrets = credential.path("secrets");
                boolean valid = credential.isObject() && onlyKeys(credential, CREDENTIAL_KEYS)
                        && credential.path("auth-id").isTextual() && secrets.isArray() && !secrets.isEmpty()
                        && (type.equals("hashed-password") || (type.equals("x509-cert") && secrets.size() == 1));
                for (JsonNode secret : secrets) {
                    valid &= secret.isObject() && onlyKeys(secret, SECRET_KEYS) && (!type.equals("hashed-password")
                            || (secret.path("hash-function").asText().equals("bcrypt")
                                    && secret.path("pwd-hash").asText().startsWith("$2a$")));
                }
                if (!valid) {
                    return violation("TypedCredentials", credential);
                }
            }
            return body;
        }

        private JsonNode violation(String schema, JsonNode body) {
            schemaViolations.add(schema + ": " + body);
            return null;
        }

        private static boolean onlyKeys(JsonNode object, Set<String> allowed) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                if (!allowed.contains(names.next())) {
                    return false;
                }
            }
            return true;
        }

        private static boolean allText(JsonNode array) {
            if (!array.isArray()) {
                return false;
            }
            for (JsonNode item : array) {
                if (!item.isTextual()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void devicesAndCredentialsArePushedOnceAndAgainWithoutChange() throws Exception {
        // GIVEN Anju's registry: a fire panel, a detector it is the gateway of, a camera; and Hono's (stand-in) registry
        try (RunningPlatform running = RunningPlatform.start(Map.of()); StandInRegistry hono = new StandInRegistry()) {
            running.fixtures().device("uitd-1", "fire_panel", SECRET).device("det-21", "smoke_detector", SECRET)
                    .device("cam-1", "camera", SECRET);
            running.fixtures().registrar().via("det-21", "uitd-1");
            Path config = Files.createTempFile("anju-hono-push", ".yaml");
            Files.writeString(config, "db: {url: \"" + running.databaseUrl() + "\"}\n");

            // WHEN pushed (the registry failing the first two requests with 503)
            CommandRun first = push(hono, config);

            // THEN each device is created with its gateways, and its password as Hono's bcrypt pwd-hash
            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).contains("tenant acme: 3 devices created, 0 updated, 0 failed");
            assertThat(hono.schemaViolations).isEmpty();
            assertThat(hono.devices.keySet()).containsExactlyInAnyOrder("acme/uitd-1", "acme/det-21", "acme/cam-1");
            assertThat(hono.devices.get("acme/det-21").get("via").get(0).asText()).isEqualTo("uitd-1");
            assertThat(hono.devices.get("acme/cam-1").get("enabled").asBoolean()).isTrue();
            JsonNode password = hono.credentials.get("acme/cam-1").get(0);
            assertThat(password.get("type").asText()).isEqualTo("hashed-password");
            assertThat(password.get("auth-id").asText()).isEqualTo("cam-1");
            // Hono's adapter checks the device's password against the hash: the same secret passes
            assertThat(BCrypt.checkpw(SECRET, password.get("secrets").get(0).get("pwd-hash").asText())).isTrue();
            assertThat(hono.requests).filteredOn(r -> r.startsWith("POST")).hasSize(3);

            // WHEN the camera is taken out of service in Anju and pushed again: THEN every device is
            // updated in place, nothing is created twice, and Hono has the camera disabled
            running.fixtures().registrar().deviceEnabled("cam-1", false);
            hono.requests.clear();
            CommandRun again = push(hono, config);
            assertThat(again.out()).contains("tenant acme: 0 devices created, 3 updated, 0 failed");
            assertThat(hono.requests).noneMatch(r -> r.startsWith("POST"));
            assertThat(hono.devices).hasSize(3);
            assertThat(hono.devices.get("acme/cam-1").get("enabled").asBoolean()).isFalse();
            assertThat(hono.devices.get("acme/uitd-1").get("enabled").asBoolean()).isTrue();
            assertThat(hono.schemaViolations).isEmpty();

            // AND without the registry's password every device fails with the registry's answer, exit 1
            CommandRun refused = CommandRun.of("", "admin", "hono-push", "--registry", hono.url(), "--tenant", Fixtures.TENANT,
                    "--attempts", "1", "--config", config.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.out()).contains("3 failed").contains("device cam-1: device refused with 401");
            // AND a tenant Anju does not have is named
            CommandRun missing = CommandRun.of("", "admin", "hono-push", "--registry", hono.url(), "--tenant", "nowhere",
                    "--config", config.toString());
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).contains("anju: no tenant 'nowhere'");
        }
    }

    private static CommandRun push(StandInRegistry hono, Path config) {
        return CommandRun.of("registry-password\n", "admin", "hono-push", "--registry", hono.url(), "--tenant", Fixtures.TENANT,
                "--username", "anju", "--password-stdin", "--config", config.toString());
    }
}
