package org.anju.gateway.impl;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;

import org.anju.gateway.GatewayOptions;

/**
 * What a device presented in its CONNECT: Hono's {@code auth-id@tenant} user name and a password,
 * or a client certificate (verified by TLS) whose subject DN is the auth-id.
 */
record Credentials(String tenantId, String authId, String password, Optional<String> certificateSubject) {

    static Optional<Credentials> from(MqttEndpoint endpoint, Optional<GatewayOptions.Tls> tls) {
        Optional<String> subject = certificateSubject(endpoint);
        MqttAuth auth = endpoint.auth();
        if (subject.isPresent()) {
            // the tenant comes from the user name when given ("@tenant" suffices), else from the configuration
            String tenant = auth != null && auth.getUsername() != null && auth.getUsername().contains("@")
                    ? auth.getUsername().substring(auth.getUsername().lastIndexOf('@') + 1)
                    : tls.map(GatewayOptions.Tls::clientCertTenant).orElse("");
            return tenant.isEmpty() ? Optional.empty()
                    : Optional.of(new Credentials(tenant, subject.get(), "", subject));
        }
        if (auth == null || auth.getUsername() == null || auth.getPassword() == null) {
            return Optional.empty();
        }
        String username = auth.getUsername();
        int at = username.lastIndexOf('@');
        if (at <= 0 || at == username.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(username.substring(at + 1), username.substring(0, at), auth.getPassword(),
                Optional.empty()));
    }

    private static Optional<String> certificateSubject(MqttEndpoint endpoint) {
        if (!endpoint.isSsl()) {
            return Optional.empty();
        }
        SSLSession session = endpoint.sslSession();
        try {
            Certificate[] chain = session == null ? null : session.getPeerCertificates();
            if (chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x509) {
                return Optional.of(x509.getSubjectX500Principal().getName());
            }
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            // the device authenticates with a password instead
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Credentials[tenantId=" + tenantId + ", authId=" + authId + ", password=***]";
    }
}
