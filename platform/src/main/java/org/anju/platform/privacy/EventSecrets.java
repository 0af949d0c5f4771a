package org.anju.platform.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.anju.error.ServerError;
import org.anju.platform.config.KeyFiles;
import org.anju.protocol.catalogue.FieldSealer;
import org.anju.protocol.catalogue.Sensitivity;

/**
 * Seals the secrets in device events as ingest decodes them, with a key that lives outside the
 * database ({@code security.eventSecretKey}, or {@code <dataDir>/event-key} generated owner-only):
 * <ul>
 * <li>a {@link Sensitivity#SECRET} (a parcel pickup code) is encrypted, AES-256-GCM with a random
 * nonce and the field's name as associated data: {@value #ENCRYPTED}{@code <base64url>}; only
 * {@link #open} recovers it, for the person it belongs to;</li>
 * <li>a {@link Sensitivity#MATCH_ONLY} value (a charging card's id tag) becomes a keyed hash,
 * HMAC-SHA256 under a key derived from the same key: {@value #HASHED}{@code <base64url>}; equal
 * values give equal hashes, so {@link #matchKey} finds a card's sessions.</li>
 * </ul>
 * A short code cannot be found from its hash without the key, as it could from a plain hash.
 * Thread-safe.
 */
public final class EventSecrets implements FieldSealer {

    /** What an encrypted value starts with. */
    public static final String ENCRYPTED = "enc:v1:";
    /** What a hashed value starts with. */
    public static final String HASHED = "hmac:v1:";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String MAC = "HmacSHA256";
    // the hashing key is derived, so that one key never serves two algorithms
    private static final String MATCH_KEY_LABEL = "anju event match key v1";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec cipherKey;
    private final SecretKeySpec matchKey;

    EventSecrets(byte[] key) {
        this.cipherKey = new SecretKeySpec(key, "AES");
        this.matchKey = new SecretKeySpec(mac(new SecretKeySpec(key, MAC), MATCH_KEY_LABEL), MAC);
    }

    /**
     * Returns the sealer of the configured key (base64 of 32 bytes), or of one generated once and
     * kept owner-only in {@code <dataDir>/event-key}.
     *
     * @throws IllegalArgumentException when the configured or kept key is not base64 of 32 bytes
     * @throws IOException              when the key file cannot be read or written
     */
    public static EventSecrets load(String configuredKey, Path dataDir) throws IOException {
        return new EventSecrets(KeyFiles.load(configuredKey, "security.eventSecretKey", dataDir.resolve("event-key"),
                KEY_BYTES));
    }

    @Override
    public String seal(String field, Sensitivity sensitivity, String value) {
        return switch (sensitivity) {
            case SECRET -> encrypt(field, value);
            case MATCH_ONLY -> matchKey(field, value);
            case PERSONAL -> value;
        };
    }

    /**
     * Returns the stored form of a match-only value, to find the events that carry it.
     */
    public String matchKey(String field, String value) {
        return HASHED + BASE64.encodeToString(mac(matchKey, field + '\0' + value));
    }

    /**
     * Recovers an encrypted secret of the field.
     *
     * @throws ServerError 500 when the value is not one this key encrypted for this field
     */
    public String open(String field, String sealed) {
        if (!sealed.startsWith(ENCRYPTED)) {
            throw ServerError.internal("'" + field + "' is not an encrypted value", null);
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(ENCRYPTED.length()));
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, field, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw ServerError.internal("cannot decrypt '" + field + "': was security.eventSecretKey or "
                    + "<dataDir>/event-key changed?", e);
        }
    }

    private String encrypt(String field, String value) {
        byte[] nonce = KeyFiles.random(NONCE_BYTES);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, field, new GCMParameterSpec(TAG_BITS, nonce))
                    .doFinal(value.getBytes(UTF_8));
            return ENCRYPTED + BASE64.encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw ServerError.internal("cannot encrypt '" + field + "': " + e.getMessage(), e);
        }
    }

    private Cipher cipher(int mode, String field, GCMParameterSpec spec) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, cipherKey, spec);
        // bound to the field: a ciphertext moved to another field does not open
        cipher.updateAAD(field.getBytes(UTF_8));
        return cipher;
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(text.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw ServerError.internal("cannot hash a secret: " + e.getMessage(), e);
        }
    }
}
