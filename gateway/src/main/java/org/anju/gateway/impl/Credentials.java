package org.anju.gateway.impl;

import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;

/**
 * What a device presented in its CONNECT: Hono's {@code auth-id@tenant} user name and a password,
 * or a client certificate (whose private key the TLS handshake proved the device holds) whose
 * subject DN is the auth-id.
 *
 * @param tenantId    the tenant the user name names; empty when a certificate came without one
 *                    (a certificate's tenant is its issuer's, see {@link ClientCertificates})
 * @param certificate the device's client certificate, when it presented one
 */
record Credentials(String tenantId, String authId, String password, Optional<X509Certificate> certificate) {

    static Optional<Credentials> from(MqttEndpoint endpoint) {
        Optional<X509Certificate> certificate = certificate(endpoint);
        MqttAuth auth = endpoint.auth();
        String username = auth == null ? null : auth.getUsername();
        if (certificate.isPresent()) {
            String claimedTenant = username != null && username.contains("@")
                    ? username.substring(username.lastIndexOf('@') + 1) : "";
            String subject = certificate.get().getSubjectX500Principal().getName();
            return Optional.of(new Credentials(claimedTenant, subject, "", certificate));
        }
        if (username == null || auth.getPassword() == null) {
            return Optional.empty();
        }
        int at = username.lastIndexOf('@');
        if (at <= 0 || at == username.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(username.substring(at + 1), username.substring(0, at), auth.getPassword(),
                Optional.empty()));
    }

    private static Optional<X509Certificate> certificate(MqttEndpoint endpoint) {
        if (!endpoint.isSsl()) {
            return Optional.empty();
        }
        SSLSession session = endpoint.sslSession();
        try {
            return session == null ? Optional.empty() : ClientCertificates.first(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            return Optional.empty(); // the device authenticates with a password instead
        }
    }

    @Override
    public String toString() {
        return "Credentials[tenantId=" + tenantId + ", authId=" + authId + ", password=***]";
    }
}
