package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.anju.platform.testing.RunningPlatform;
import org.anju.platform.testing.TestCertificates;

/**
 * HTTPS for the API and dashboards, with a real TLS client that trusts only the configured
 * certificate: the session cookie is Secure, every answer carries Strict-Transport-Security, and
 * the optional plain port only redirects. Without a certificate nothing changes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpsIT {

    private static final String LOGIN = "{\"username\": \"root\", \"password\": \"root-password\"}";

    @TempDir
    Path dir;

    @Test
    void withACertificateTheApiAndDashboardsAreServedOverHttpsAndThePlainPortOnlyRedirects() throws Exception {
        TestCertificates.Certificate certificate = TestCertificates.development(dir);
        try (RunningPlatform running = RunningPlatform.start(Map.of(
                "ANJU_HTTP_TLS_CERT_PATH", certificate.keyStore().toString(),
                "ANJU_HTTP_TLS_KEY_STORE_PASSWORD", certificate.password(),
                "ANJU_HTTP_TLS_REDIRECT_PORT", "0"))) {
            running.fixtures().platformAdmin("root", "root-password");
            HttpClient tls = HttpClient.newBuilder().sslContext(certificate.clientContext()).build();
            String base = "https://localhost:" + running.platform().httpPort();

            HttpResponse<String> login = tls.send(post(base + "/api/v1/auth/login", LOGIN),
                    HttpResponse.BodyHandlers.ofString());
            String token = RunningPlatform.json(login).get("token").asText();
            HttpResponse<String> me = tls.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> dashboard = tls.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                    .startsWith("anju_token=").contains("; Secure", "; HTTPOnly", "; SameSite=Strict"));
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body()).contains("<html");
            for (HttpResponse<String> response : List.of(login, me, dashboard)) {
                assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
            }
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + running.platform().httpPort() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString())).as("no plain HTTP on the HTTPS port")
                    .isInstanceOf(IOException.class);
            assertThePlainPortOnlyRedirects(running);
        }
    }

    /** The plain port answers every request, a log-in too, with a redirect to the same path over HTTPS. */
    private static void assertThePlainPortOnlyRedirects(RunningPlatform running) throws Exception {
        int plain = running.platform().http().redirectPort();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + plain + "/api/v1/communities?limit=5")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = client.send(post("http://localhost:" + plain + "/api/v1/auth/login", LOGIN),
                HttpResponse.BodyHandlers.ofString());

        assertThat(plain).isPositive();
        assertThat(get.statusCode()).isEqualTo(308);
        assertThat(get.headers().firstValue("Location")).hasValue("https://localhost:" + running.platform().httpPort()
                + "/api/v1/communities?limit=5");
        assertThat(login.statusCode()).as("credentials sent in clear are not answered").isEqualTo(308);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void withoutACertificateTheApiIsPlainHttpWithoutSecureCookieOrHsts() throws Exception {
        try (RunningPlatform running = RunningPlatform.start(Map.of())) {
            running.fixtures().platformAdmin("root", "root-password");

            HttpResponse<String> login = running.post("/api/v1/auth/login", LOGIN);

            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                    .contains("; HTTPOnly", "; SameSite=Strict").doesNotContain("Secure"));
            assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
            assertThat(running.platform().http().redirectPort()).isZero();
        }
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
