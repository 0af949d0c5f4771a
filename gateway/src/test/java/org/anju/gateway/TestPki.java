package org.anju.gateway;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.anju.gateway.tls.DevCertificate;

/**
 * Certificates for tests, made with the JDK's keytool in a folder: CAs, and device key stores
 * whose certificate a CA signed. keytool runs a JVM each, so make them once per test class.
 */
public final class TestPki {

    public static final String STORE_PASSWORD = "changeit-test";

    /** A CA: its key store, its certificate as PEM (what a gateway or tenant trusts) and parsed. */
    public record Ca(String alias, Path keyStore, Path pem, X509Certificate certificate) {
    }

    private final Path dir;

    public TestPki(Path dir) {
        this.dir = dir;
    }

    /** Makes a CA named {@code alias} with the subject DN. */
    public Ca ca(String alias, String subjectDn) throws Exception {
        Path keyStore = dir.resolve(alias + ".p12");
        Path pem = dir.resolve(alias + ".pem");
        DevCertificate.keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                subjectDn, "-ext", "bc:c", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", STORE_PASSWORD);
        DevCertificate.keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-storepass",
                STORE_PASSWORD, "-file", pem.toString());
        return new Ca(alias, keyStore, pem, readCertificate(pem));
    }

    /**
     * Makes a device's key store (PKCS#12, {@link #STORE_PASSWORD}) with a key and a certificate of
     * the subject DN that the CA signed.
     */
    public Path device(Ca ca, String alias, String subjectDn) throws Exception {
        Path keyStore = dir.resolve(alias + ".p12");
        Path csr = dir.resolve(alias + ".csr");
        Path signed = dir.resolve(alias + ".pem");
        DevCertificate.keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                subjectDn, "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
        DevCertificate.keytool("-certreq", "-alias", alias, "-keystore", keyStore.toString(), "-storepass",
                STORE_PASSWORD, "-file", csr.toString());
        DevCertificate.keytool("-gencert", "-alias", ca.alias(), "-keystore", ca.keyStore().toString(), "-storepass",
                STORE_PASSWORD, "-infile", csr.toString(), "-outfile", signed.toString(), "-rfc");
        // the signed certificate replaces the self-signed one, with its CA after it (two keytool runs fewer)
        KeyStore store = load(keyStore);
        Key key = store.getKey(alias, STORE_PASSWORD.toCharArray());
        store.setKeyEntry(alias, key, STORE_PASSWORD.toCharArray(),
                new Certificate[] {readCertificate(signed), ca.certificate()});
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        return keyStore;
    }

    /**
     * Returns a TLS context that trusts the server certificate of {@code serverPem} and, when
     * {@code deviceKeyStore} is given, presents that device's certificate.
     */
    public static SSLContext sslContext(Path serverPem, Path deviceKeyStore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", readCertificate(serverPem));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (deviceKeyStore != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(deviceKeyStore), STORE_PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    public static X509Certificate readCertificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        return store;
    }
}
