package org.anju.platform.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.anju.gateway.Device5;
import org.anju.gateway.TestPki;
import org.anju.gateway.tls.DevCertificate;
import org.anju.platform.testing.RunningPlatform;

/**
 * A tenant's trusted CAs through the provisioning API, and a device authenticating over MQTT/TLS
 * with a certificate one of them issued: the CA, not the user name, decides the device's tenant.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TrustedCaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE_DN = "CN=det-x509,OU=devices,O=Acme";
    private static final int BAD_CREDENTIALS = 0x86;

    @TempDir
    static Path dir;
    private static RunningPlatform running;
    private static DevCertificate.Files serverCert;
    private static TestPki.Ca acmeCa;
    private static Path deviceKeyStore;
    private static String acmeAdmin;
    private static String zenithAdmin;

    @BeforeAll
    static void start() throws Exception {
        serverCert = DevCertificate.ensure(dir.resolve("server"));
        TestPki pki = new TestPki(dir);
        acmeCa = pki.ca("acme-ca", "CN=Acme Device CA, O=Acme");
        deviceKeyStore = pki.device(acmeCa, "det-x509", DEVICE_DN.replace(",", ", "));
        running = RunningPlatform.start(Map.of("ANJU_MQTT_TLS_PORT", "0",
                "ANJU_MQTT_TLS_CERT_PATH", serverCert.keyStore().toString(),
                "ANJU_MQTT_TLS_KEY_STORE_PASSWORD", serverCert.password(),
                "ANJU_SECURITY_DEVICE_AUTH_CACHE_TTL", "1s"));
        running.fixtures().device("det-x509", "smoke_detector", "det-x509-password")
                .propertyUser("pat", "pat-password", "property_admin")
                .otherTenantAdmin("zed", "zed-password");
        running.fixtures().registrar().deviceCertificate("acme", DEVICE_DN, "det-x509");
        acmeAdmin = running.login("pat", "pat-password");
        zenithAdmin = running.login("zed", "zed-password");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void aTenantsCaAuthenticatesItsDevicesAndOnlyAsThatTenant() throws Exception {
        assertThatThrownBy(this::connect).as("no tenant trusts the CA yet")
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(BAD_CREDENTIALS));

        HttpResponse<String> created = put("acme", acmeAdmin, Files.readString(acmeCa.pem()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(json(created).get("trustedCas").get(0).get("status").asText()).isEqualTo("created");
        assertThat(json(created).get("trustedCas").get(0).get("subjectDn").asText()).isEqualTo("CN=Acme Device CA,O=Acme");
        assertThat(json(put("acme", acmeAdmin, Files.readString(acmeCa.pem()))).get("trustedCas").get(0).get("status")
                .asText()).as("idempotent").isEqualTo("unchanged");

        try (Device5 device = connect()) {
            assertThat(device.publishAndAwaitReason("telemetry", "{\"battery\": 64}")).as("stored").isZero();
        }
        assertThatThrownBy(() -> Device5.connect(tlsUri(), "det-x509", "det-x509@zenith", "",
                TestPki.sslContext(serverCert.pem(), deviceKeyStore).getSocketFactory()))
                .as("a user name of another tenant")
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(BAD_CREDENTIALS));

        assertThat(json(put("acme", acmeAdmin, null)).get("removed").get(0).asText()).isEqualTo("CN=Acme Device CA,O=Acme");
        Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThatThrownBy(this::connect)
                .as("refused once the tenant no longer trusts the CA").isInstanceOf(MqttException.class));
    }

    @Test
    void aCaBelongsToOneTenantAndOnlyCaCertificatesAreTaken() throws Exception {
        HttpResponse<String> mine = put("acme", acmeAdmin, Files.readString(acmeCa.pem()));
        assertThat(mine.statusCode()).isEqualTo(200);

        HttpResponse<String> taken = put("zenith", zenithAdmin, Files.readString(acmeCa.pem()));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
        assertThat(json(taken).get("error").get("items").get(0).get("message").asText()).contains("another tenant");
        assertThat(put("acme", zenithAdmin, Files.readString(acmeCa.pem())).statusCode())
                .as("another tenant's administrator").isEqualTo(403);

        HttpResponse<String> invalid = send("{\"certificates\": [\"not a certificate\", "
                + JSON.writeValueAsString(Files.readString(dir.resolve("det-x509.pem"))) + "]}", "zenith", zenithAdmin);
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(json(invalid).get("error").get("items")).extracting(i -> i.get("path").asText() + ": " + i.get("message").asText())
                .containsExactly("certificates[0]: must be a PEM certificate (-----BEGIN CERTIFICATE-----)",
                        "certificates[1]: 'CN=det-x509,OU=devices,O=Acme' is not a CA certificate (no basic constraints CA:true)");
        put("acme", acmeAdmin, null);
    }

    private Device5 connect() throws Exception {
        return Device5.connect(tlsUri(), "det-x509", null, null,
                TestPki.sslContext(serverCert.pem(), deviceKeyStore).getSocketFactory());
    }

    private static String tlsUri() {
        return "ssl://127.0.0.1:" + running.platform().mqttTlsPort();
    }

    /** PUTs the tenant's trusted CAs: the one PEM, or none. */
    private static HttpResponse<String> put(String tenant, String token, String pem) throws Exception {
        return send("{\"certificates\": [" + (pem == null ? "" : JSON.writeValueAsString(pem)) + "]}", tenant, token);
    }

    private static HttpResponse<String> send(String body, String tenant, String token) throws Exception {
        return running.http().send(HttpRequest.newBuilder(URI.create(running.baseUrl()
                        + "/api/v1/provisioning/tenants/" + tenant + "/trusted-cas"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
