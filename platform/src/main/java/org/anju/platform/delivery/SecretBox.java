package org.anju.platform.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.anju.error.ServerError;

/**
 * Encrypts the secrets of subscriptions (AES-256-GCM, a random nonce per value) with a key that
 * lives outside the database: a subscription's signing secret must be usable to sign, so it
 * cannot be kept only as a hash, and a database dump alone must not reveal it.
 */
public final class SecretBox {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * Returns the box of the configured key (base64 of 32 bytes), or of one generated once and
     * kept owner-only in {@code <dataDir>/webhook-key}.
     *
     * @throws IllegalArgumentException when the configured key is not base64 of 32 bytes
     * @throws IOException              when the key file cannot be read or written
     */
    public static SecretBox load(String configuredKey, Path dataDir) throws IOException {
        if (!configuredKey.isEmpty()) {
            return new SecretBox(decodeKey(configuredKey, "webhooks.secretKey"));
        }
        Path file = dataDir.resolve("webhook-key");
        if (Files.exists(file)) {
            return new SecretBox(decodeKey(Files.readString(file).strip(), file.toString()));
        }
        byte[] key = randomBytes(KEY_BYTES);
        Files.writeString(file, Base64.getEncoder().encodeToString(key));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return new SecretBox(key);
    }

    /** Returns a new random secret for a subscription: {@code whsec_} and 32 random bytes, base64url. */
    public static String newSecret() {
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    public byte[] encrypt(String plain) {
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw ServerError.internal("cannot encrypt a secret: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts a value this box (or one with the same key) encrypted.
     *
     * @throws ServerError 500 when the value was sealed under another key or altered
     */
    public String decrypt(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), UTF_8);
        } catch (GeneralSecurityException e) {
            throw ServerError.internal("cannot decrypt a subscription secret: was webhooks.secretKey or "
                    + "<dataDir>/webhook-key changed?", e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(source + " must hold base64 of " + KEY_BYTES + " random bytes");
        }
        return key;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
