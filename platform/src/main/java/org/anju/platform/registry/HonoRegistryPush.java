package org.anju.platform.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.Json;

/**
 * Pushes devices and credentials provisioned in Anju to Eclipse Hono's device registry management
 * API ({@code /v1/devices/{tenant}/{device}}, {@code /v1/credentials/{tenant}/{device}}), so that
 * Hono's protocol adapters authenticate the same devices with the same secrets. Idempotent: a
 * device is updated ({@code PUT}) or, when Hono does not have it, created ({@code POST}), and its
 * credentials are replaced as a set; pushing again changes nothing. Passwords go as Hono's
 * {@code pwd-hash} with {@code hash-function} {@code bcrypt}: the bcrypt hash Anju keeps, never the
 * password (Anju does not have it). A request that fails with a 5xx, 429 or an I/O error is sent
 * again after a growing wait.
 */
public final class HonoRegistryPush {

    /**
     * @param baseUrl  the management API's base, e.g. {@code https://hono.example:28443} (the
     *                 paths start with {@code /v1})
     * @param username the HTTP basic user, empty for none
     * @param password the HTTP basic password
     * @param attempts how often a request is sent at most
     * @param firstRetry the wait before the second attempt; doubled for each further one
     */
    public record Settings(URI baseUrl, Optional<String> username, String password, int attempts, Duration firstRetry) {
    }

    /** What a push did: devices created and updated, and a line per device that failed. */
    public record Result(int created, int updated, List<String> failures) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(HonoRegistryPush.class);
    private static final int CREATED = 201;
    private static final int UPDATED = 204;
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public HonoRegistryPush(Settings settings) {
        this.settings = settings;
    }

    /** Pushes each device and its credentials; a device that fails is reported and the others go on. */
    public Result push(List<HonoDevices.Device> devices) throws InterruptedException {
        int created = 0;
        int updated = 0;
        List<String> failures = new ArrayList<>();
        for (HonoDevices.Device device : devices) {
            try {
                boolean isNew = pushDevice(device);
                expect(send("PUT", "/v1/credentials/", device, credentials(device)), UPDATED, device, "credentials");
                created += isNew ? 1 : 0;
                updated += isNew ? 0 : 1;
            } catch (PushFailure | IOException e) {
                failures.add("device " + device.deviceId() + ": " + e.getMessage());
                LOG.warn("device not pushed to Hono's registry [tenant: {}, device: {}]: {}", device.tenantId(),
                        device.deviceId(), e.getMessage());
            }
        }
        return new Result(created, updated, failures);
    }

    /** Updates the device, or creates it when Hono does not have it; returns whether it was created. */
    private boolean pushDevice(HonoDevices.Device device) throws IOException, InterruptedException {
        String body = registration(device);
        HttpResponse<String> put = send("PUT", "/v1/devices/", device, body);
        if (put.statusCode() != NOT_FOUND) {
            expect(put, UPDATED, device, "device");
            return false;
        }
        HttpResponse<String> post = send("POST", "/v1/devices/", device, body);
        if (post.statusCode() == CONFLICT) {
            // created meanwhile by another push: update it
            expect(send("PUT", "/v1/devices/", device, body), UPDATED, device, "device");
            return false;
        }
        expect(post, CREATED, device, "device");
        return true;
    }

    private static String registration(HonoDevices.Device device) throws JsonProcessingException {
        return Json.MAPPER.writeValueAsString(device.via().isEmpty() ? Map.of("enabled", device.enabled())
                : Map.of("enabled", device.enabled(), "via", device.via()));
    }

    private static String credentials(HonoDevices.Device device) throws JsonProcessingException {
        List<Map<String, Object>> set = new ArrayList<>();
        for (HonoDevices.Credential credential : device.credentials()) {
            Map<String, Object> secret = credential.type().equals("hashed-password")
                    ? Map.of("hash-function", "bcrypt", "pwd-hash", credential.bcryptHash())
                    : Map.of(); // x509-cert: the subject DN is the auth id; Hono wants one (empty) secret
            set.add(Map.of("type", credential.type(), "auth-id", credential.authId(), "enabled", credential.enabled(),
                    "secrets", List.of(secret)));
        }
        return Json.MAPPER.writeValueAsString(set);
    }

    private HttpResponse<String> send(String method, String path, HonoDevices.Device device, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.baseUrl().resolve(path
                        + segment(device.tenantId()) + "/" + segment(device.deviceId())))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, UTF_8));
        settings.username().ifPresent(user -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + settings.password()).getBytes(UTF_8))));
        Duration wait = settings.firstRetry();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
                if (!retryable(response.statusCode()) || attempt >= settings.attempts()) {
                    return response;
                }
                LOG.info("Hono's registry answered {} to {} {}; again in {}", response.statusCode(), method, path, wait);
            } catch (IOException e) {
                if (attempt >= settings.attempts()) {
                    throw new IOException("Hono's registry not reached after " + attempt + " attempts: " + e.getMessage(), e);
                }
                LOG.info("Hono's registry not reached ({}); again in {}", e.getMessage(), wait);
            }
            Thread.sleep(wait.toMillis()); // a command-line push: waiting is what the caller wants
            wait = wait.multipliedBy(2);
        }
    }

    private static boolean retryable(int status) {
        return status >= 500 || status == 429;
    }

    private static void expect(HttpResponse<String> response, int status, HonoDevices.Device device, String what) {
        if (response.statusCode() != status) {
            String body = response.body() == null ? "" : response.body();
            throw new PushFailure(what + " refused with " + response.statusCode()
                    + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(body.length(), 300)))
                    + (response.statusCode() == NOT_FOUND ? " (is tenant " + device.tenantId() + " in Hono's registry?)" : ""));
        }
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, UTF_8).replace("+", "%20");
    }

    /** A request Hono's registry refused. */
    private static final class PushFailure extends RuntimeException {
        PushFailure(String message) {
            super(message, null, false, false);
        }
    }
}
