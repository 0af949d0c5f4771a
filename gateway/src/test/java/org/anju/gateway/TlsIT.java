package org.anju.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.anju.gateway.tls.DevCertificate;

/**
 * MQTT over TLS with the generated development certificate, and devices authenticating with a
 * client certificate (subject DN as auth-id): the tenant is the one whose trusted CA issued the
 * certificate (Eclipse Hono's model), from the registry or, for one tenant, from the configured CA
 * file; a user name cannot move a certificate to another tenant. And the plain port turned off.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TlsIT {

    private static final String ACME_DN = "CN=detector-77,OU=devices,O=Acme";
    private static final String BETA_DN = "CN=meter-5,OU=devices,O=Beta";
    private static final int BAD_CREDENTIALS = 0x86;

    @TempDir
    static Path dir;
    private static DevCertificate.Files serverCert;
    private static TestPki.Ca acmeCa;
    private static TestPki.Ca betaCa;
    private static Path acmeDevice;
    private static Path betaDevice;
    private GatewayHarness harness;

    /** keytool runs are slow (a JVM each): the certificates are made once for all tests. */
    @BeforeAll
    static void makeCertificates() throws Exception {
        serverCert = DevCertificate.ensure(dir.resolve("server"));
        TestPki pki = new TestPki(dir);
        acmeCa = pki.ca("acme-ca", "CN=Acme Device CA, O=Acme");
        betaCa = pki.ca("beta-ca", "CN=Beta Device CA, O=Beta");
        acmeDevice = pki.device(acmeCa, "detector-77", ACME_DN.replace(",", ", "));
        betaDevice = pki.device(betaCa, "meter-5", BETA_DN.replace(",", ", "));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void passwordDeviceOverTls() throws Exception {
        harness = gateway(registry());
        assertThat(harness.gateway.tlsPort()).isPositive();
        try (Device5 device = connect("dev-1", "dev-1@acme", GatewayHarness.PASSWORD, null)) {
            assertThat(device.publishAndAwaitReason("telemetry", "{\"a\": 1}")).isZero();
        }
        assertThat(harness.downstream.accepted()).singleElement().satisfies(m -> assertThat(m.deviceId()).isEqualTo("dev-1"));
    }

    @Test
    void clientCertificateOfTheConfiguredCaAuthenticatesWithoutPassword() throws Exception {
        harness = gateway(registry());
        try (Device5 device = connect("detector-77", null, null, acmeDevice)) {
            assertThat(device.publishAndAwaitReason("event", "{\"kind\": \"heartbeat\"}")).isZero();
        }
        assertThat(harness.downstream.accepted()).singleElement().satisfies(m -> {
            assertThat(m.tenantId()).isEqualTo("acme");
            assertThat(m.deviceId()).isEqualTo("detector-77");
        });
    }

    @Test
    void aTenantsTrustedCaInTheRegistryMakesItsCertificatesThatTenants() throws Exception {
        harness = gateway(registry().trustedCa("beta", betaCa.certificate()));
        try (Device5 device = connect("meter-5", null, null, betaDevice)) {
            assertThat(device.publishAndAwaitReason("telemetry", "{\"kWh\": 12.5}")).isZero();
        }
        assertThat(harness.downstream.accepted()).singleElement().satisfies(m -> {
            assertThat(m.tenantId()).isEqualTo("beta");
            assertThat(m.deviceId()).isEqualTo("beta-meter-5");
        });
    }

    @Test
    void aUserNameCannotMoveACertificateToAnotherTenant() throws Exception {
        // tenant beta has a device with the same subject DN as acme's detector
        harness = gateway(registry().trustedCa("beta", betaCa.certificate())
                .certificateDevice("beta", ACME_DN, "beta-impostor-target"));

        assertThatThrownBy(() -> connect("detector-77", "detector-77@beta", "", acmeDevice))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(BAD_CREDENTIALS));
        try (Device5 device = connect("detector-77", "detector-77@acme", "", acmeDevice)) {
            assertThat(device.publishAndAwaitReason("telemetry", "{\"a\": 1}")).as("its own tenant is fine").isZero();
        }
        assertThat(harness.downstream.accepted()).extracting(m -> m.tenantId() + "/" + m.deviceId())
                .containsExactly("acme/detector-77");
    }

    @Test
    void aCertificateFromACaNoTenantTrustsIsRefused() throws Exception {
        harness = gateway(registry());

        assertThatThrownBy(() -> connect("meter-5", null, null, betaDevice))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(BAD_CREDENTIALS));
        assertThat(harness.downstream.accepted()).isEmpty();
    }

    @Test
    void clientThatDoesNotTrustTheServerCannotConnect() throws Exception {
        harness = gateway(registry());
        assertThatThrownBy(() -> Device5.connect(tlsUri(), "dev-2", "dev-2@acme", GatewayHarness.PASSWORD,
                SSLContext.getDefault().getSocketFactory())).isInstanceOf(MqttException.class);
    }

    @Test
    void thePlainPortCanBeTurnedOffWhenTlsIsOn() throws Exception {
        int plainPort = freePort();
        GatewayOptions options = GatewayOptions.defaults(plainPort).withTls(tlsOptions().tls().get());
        assertThat(options.plainEnabled()).as("on unless turned off").isTrue();

        harness = new GatewayHarness(options.withPlainEnabled(false), registry(), new ScriptedDownstream().autoAccept());

        assertThat(harness.port).as("no plain port listened on").isZero();
        assertThatThrownBy(() -> new Socket("127.0.0.1", plainPort).close()).isInstanceOf(IOException.class);
        try (Device5 device = connect("dev-3", "dev-3@acme", GatewayHarness.PASSWORD, null)) {
            assertThat(device.publishAndAwaitReason("telemetry", "{\"a\": 1}")).isZero();
        }
        assertThatThrownBy(() -> GatewayOptions.defaults(0).withPlainEnabled(false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only when TLS is configured");
    }

    private static TestRegistry registry() {
        return GatewayHarness.devices(new TestRegistry())
                .certificateDevice("acme", ACME_DN, "detector-77")
                .certificateDevice("beta", BETA_DN, "beta-meter-5");
    }

    private GatewayHarness gateway(TestRegistry registry) throws Exception {
        return new GatewayHarness(tlsOptions(), registry, new ScriptedDownstream().autoAccept());
    }

    /** TLS on a free port; the CA file of the configuration is acme's (the single-CA setting of earlier versions). */
    private static GatewayOptions tlsOptions() {
        return GatewayOptions.defaults(0).withTls(new GatewayOptions.Tls(0, serverCert.keyStore().toString(), "",
                serverCert.password(), acmeCa.pem().toString(), "acme"));
    }

    private Device5 connect(String clientId, String username, String password, Path deviceKeyStore) throws Exception {
        return Device5.connect(tlsUri(), clientId, username, password,
                TestPki.sslContext(serverCert.pem(), deviceKeyStore).getSocketFactory());
    }

    private String tlsUri() {
        return "ssl://127.0.0.1:" + harness.gateway.tlsPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
