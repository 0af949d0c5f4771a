package org.anju.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;

import org.anju.gateway.tls.DevCertificate;

/**
 * Self-signed server certificates for one DNS name, made with the JDK's keytool.
 */
public final class TestCertificates {

    private static final String PASSWORD = "test-store-password";

    /**
     * A certificate and its key.
     *
     * @param keyStore PKCS#12 with the key and certificate, for a server
     * @param pem      the certificate in PEM, for clients to trust
     */
    public record Certificate(Path keyStore, String password, Path pem) {

        public PfxOptions keyCert() {
            return new PfxOptions().setPath(keyStore.toString()).setPassword(password);
        }

        public PemTrustOptions trust() {
            return new PemTrustOptions().addCertPath(pem.toString());
        }

        /** Returns a client TLS context that trusts this certificate only. */
        public SSLContext clientContext() throws GeneralSecurityException, IOException {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(pem)) {
                trusted.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
    }

    private TestCertificates() {
    }

    /** Returns the development certificate that {@code ./anju demo} makes (for localhost and 127.0.0.1). */
    public static Certificate development(Path dir) throws IOException {
        DevCertificate.Files files = DevCertificate.ensure(dir);
        return new Certificate(files.keyStore(), files.password(), files.pem());
    }

    /** Creates a certificate for {@code dnsName} in {@code dir}. */
    public static Certificate selfSigned(Path dir, String dnsName) throws IOException {
        Path keyStore = dir.resolve(dnsName + ".p12");
        Path pem = dir.resolve(dnsName + ".pem");
        DevCertificate.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + dnsName, "-ext", "san=dns:" + dnsName, "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        DevCertificate.keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", pem.toString());
        return new Certificate(keyStore, PASSWORD, pem);
    }
}
