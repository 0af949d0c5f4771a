package org.anju.platform.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.anju.error.ServerError;
import org.anju.platform.config.KeyFiles;

/**
 * Encrypts the secrets of subscriptions (AES-256-GCM, a random nonce per value) with a key that
 * lives outside the database: a subscription's signing secret must be usable to sign, so it
 * cannot be kept only as a hash, and a database dump alone must not reveal it.
 */
public final class SecretBox {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

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
        return new SecretBox(KeyFiles.load(configuredKey, "webhooks.secretKey", dataDir.resolve("webhook-key"),
                KEY_BYTES));
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

    private static byte[] randomBytes(int n) {
        return KeyFiles.random(n);
    }
}
