package org.anju.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.anju.gateway.tls.DevCertificate;

/**
 * MQTT over TLS with the generated development certificate, and devices authenticating with a
 * client certificate (subject DN as auth-id) instead of a password.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsIT {

    private static final String CLIENT_DN = "CN=detector-77,OU=devices,O=Acme";
    private static final String STORE_PASSWORD = "changeit-test";

    @TempDir
    static Path dir;
    private static DevCertificate.Files serverCert;
    private static Path caPem;
    private GatewayHarness harness;

    /** keytool runs are slow (a JVM each): the certificates are made once for all tests. */
    @BeforeAll
    static void makeCertificates() throws Exception {
        serverCert = DevCertificate.ensure(dir.resolve("server"));
        caPem = makeClientPki();
    }

    @BeforeEach
    void start() throws Exception {
        GatewayOptions options = GatewayOptions.defaults(0).withTls(new GatewayOptions.Tls(0,
                serverCert.keyStore().toString(), "", serverCert.password(), caPem.toString(), "acme"));
        TestRegistry registry = GatewayHarness.devices(new TestRegistry()).certificateDevice("acme", CLIENT_DN, "detector-77");
        harness = new GatewayHarness(options, registry, new ScriptedDownstream().autoAccept());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void passwordDeviceOverTls() throws Exception {
        assertThat(harness.gateway.tlsPort()).isPositive();
        try (Device5 device = Device5.connect(tlsUri(), "dev-1", "dev-1@acme", GatewayHarness.PASSWORD,
                sslContext(false).getSocketFactory())) {
            assertThat(device.publishAndAwaitReason("telemetry", "{\"a\": 1}")).isZero();
        }
        assertThat(harness.downstream.accepted()).singleElement().satisfies(m -> assertThat(m.deviceId()).isEqualTo("dev-1"));
    }

    @Test
    void clientCertificateAuthenticatesWithoutPassword() throws Exception {
        try (Device5 device = Device5.connect(tlsUri(), "detector-77", null, null, sslContext(true).getSocketFactory())) {
            assertThat(device.publishAndAwaitReason("event", "{\"kind\": \"heartbeat\"}")).isZero();
        }
        assertThat(harness.downstream.accepted()).singleElement()
                .satisfies(m -> assertThat(m.deviceId()).isEqualTo("detector-77"));
    }

    @Test
    void clientThatDoesNotTrustTheServerCannotConnect() {
        assertThatThrownBy(() -> Device5.connect(tlsUri(), "dev-2", "dev-2@acme", GatewayHarness.PASSWORD,
                SSLContext.getDefault().getSocketFactory())).isInstanceOf(MqttException.class);
    }

    private String tlsUri() {
        return "ssl://127.0.0.1:" + harness.gateway.tlsPort();
    }

    /** Makes a CA and a client certificate it signed; returns the CA's PEM for the gateway to trust. */
    private static Path makeClientPki() throws Exception {
        Path ca = dir.resolve("ca.p12");
        Path client = dir.resolve("client.p12");
        Path caPem = dir.resolve("ca.pem");
        Path csr = dir.resolve("client.csr");
        Path signed = dir.resolve("client.pem");
        DevCertificate.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Acme Device CA", "-ext", "bc:c", "-storetype", "PKCS12", "-keystore", ca.toString(),
                "-storepass", STORE_PASSWORD);
        DevCertificate.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass",
                STORE_PASSWORD, "-file", caPem.toString());
        DevCertificate.keytool("-genkeypair", "-alias", "device", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                CLIENT_DN.replace(",", ", "), "-storetype", "PKCS12", "-keystore", client.toString(),
                "-storepass", STORE_PASSWORD);
        DevCertificate.keytool("-certreq", "-alias", "device", "-keystore", client.toString(), "-storepass",
                STORE_PASSWORD, "-file", csr.toString());
        DevCertificate.keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", STORE_PASSWORD,
                "-infile", csr.toString(), "-outfile", signed.toString(), "-rfc");
        DevCertificate.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore",
                client.toString(), "-storepass", STORE_PASSWORD);
        DevCertificate.keytool("-importcert", "-alias", "device", "-file", signed.toString(), "-keystore",
                client.toString(), "-storepass", STORE_PASSWORD);
        return caPem;
    }

    private SSLContext sslContext(boolean withClientCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(serverCert.pem())) {
            trust.setCertificateEntry("gateway",
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withClientCertificate) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve("client.p12"))) {
                keys.load(in, STORE_PASSWORD.toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, STORE_PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
