package org.anju.gateway.impl;

import java.util.Optional;

import io.vertx.mqtt.MqttAuth;

/**
 * What a device presented in its CONNECT: Hono's {@code auth-id@tenant} user name and a password.
 */
record Credentials(String tenantId, String authId, String password) {

    static Optional<Credentials> from(MqttAuth auth) {
        if (auth == null || auth.getUsername() == null || auth.getPassword() == null) {
            return Optional.empty();
        }
        String username = auth.getUsername();
        int at = username.lastIndexOf('@');
        if (at <= 0 || at == username.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(username.substring(at + 1), username.substring(0, at), auth.getPassword()));
    }

    @Override
    public String toString() {
        return "Credentials[tenantId=" + tenantId + ", authId=" + authId + ", password=***]";
    }
}
