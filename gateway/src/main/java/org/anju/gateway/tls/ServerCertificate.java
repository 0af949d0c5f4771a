package org.anju.gateway.tls;

import java.util.Locale;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;

/**
 * A TLS server's certificate as configured: a PKCS#12 file ({@code .p12}/{@code .pfx}, with its
 * password) or a PEM certificate chain with a PEM private key. Shared by the MQTT and HTTP
 * listeners so that both read the same settings the same way.
 */
public final class ServerCertificate {

    private ServerCertificate() {
    }

    /** Returns the Vert.x key and certificate options for the files. */
    public static KeyCertOptions options(String certPath, String keyPath, String keyStorePassword) {
        String cert = certPath.toLowerCase(Locale.ROOT);
        if (cert.endsWith(".p12") || cert.endsWith(".pfx")) {
            return new PfxOptions().setPath(certPath).setPassword(keyStorePassword);
        }
        return new PemKeyCertOptions().setCertPath(certPath).setKeyPath(keyPath);
    }
}
