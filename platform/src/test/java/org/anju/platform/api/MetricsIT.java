package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.RunningPlatform;

/**
 * Who may read {@code /metrics}: Prometheus with the configured scrape token, and platform
 * administrators with their session; nobody of a property company (the series carry every
 * tenant's figures), whatever their role.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MetricsIT {

    private static final String SCRAPE_TOKEN = "prometheus-scrape-token-0123456789abcdef";
    private static RunningPlatform running;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of("ANJU_HTTP_METRICS_TOKEN", SCRAPE_TOKEN));
        running.fixtures().platformAdmin("root", "root-password")
                .propertyUser("pam", "pam-password", "property_admin")
                .propertyUser("otto", "otto-password", "operator")
                .propertyUser("tina", "tina-password", "technician")
                .user("fred", "Fire brigade", "fred-password", null, Set.of("fire_brigade"), Set.of());
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void theScrapeTokenAndPlatformAdministratorsReadMetrics() throws Exception {
        HttpResponse<String> scraped = metrics("Bearer " + SCRAPE_TOKEN, null);
        HttpResponse<String> admin = metrics("Bearer " + running.login("root", "root-password"), null);
        HttpResponse<String> adminCookie = metrics(null, "anju_token=" + running.login("root", "root-password"));

        for (HttpResponse<String> response : new HttpResponse[] {scraped, admin, adminCookie}) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(response.body()).contains("# TYPE anju_webhooks_attempts_total counter");
        }
    }

    @Test
    void propertyCompanyStaffAndTheFireBrigadeAreRefusedWhateverTheirRole() throws Exception {
        for (String user : new String[] {"pam", "otto", "tina", "fred"}) {
            HttpResponse<String> refused = metrics("Bearer " + running.login(user, user + "-password"), null);
            assertThat(refused.statusCode()).as(user).isEqualTo(403);
            assertThat(refused.body()).as(user).doesNotContain("anju_").contains("metrics are for platform "
                    + "administrators and the configured scrape token");
        }
    }

    @Test
    void withoutCredentialsOrWithAWrongTokenTheAnswerIs401() throws Exception {
        for (String authorization : new String[] {null, "Bearer " + SCRAPE_TOKEN.substring(1),
                "Bearer " + SCRAPE_TOKEN + "x", "Bearer " + SCRAPE_TOKEN.toUpperCase(), "Basic " + SCRAPE_TOKEN,
                SCRAPE_TOKEN, "Bearer "}) {
            HttpResponse<String> refused = metrics(authorization, null);
            assertThat(refused.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(refused.body()).as(String.valueOf(authorization)).doesNotContain("anju_");
        }
        assertThat(metrics(null, "anju_token=" + SCRAPE_TOKEN).statusCode()).as("the token is no session cookie")
                .isEqualTo(401);
    }

    private static HttpResponse<String> metrics(String authorization, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.baseUrl() + "/metrics")).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return running.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
