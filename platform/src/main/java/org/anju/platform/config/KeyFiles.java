package org.anju.platform.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keys that live outside the database: configured (base64), or generated once and kept owner-only
 * in a file of the data folder, so that a database dump alone reveals nothing they protect.
 */
public final class KeyFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {
    }

    /**
     * Returns the configured key, else the one kept in {@code file}, which is generated (random,
     * owner-only) the first time.
     *
     * @param configured the configured base64 key, empty for none
     * @param setting    the configuration key, named when the configured key is bad
     * @param bytes      the key's length in bytes
     * @throws IllegalArgumentException when the configured or kept key is not base64 of {@code bytes} bytes
     * @throws IOException              when the file cannot be read or written
     */
    public static byte[] load(String configured, String setting, Path file, int bytes) throws IOException {
        if (!configured.isEmpty()) {
            return decode(configured, setting, bytes);
        }
        if (Files.exists(file)) {
            return decode(Files.readString(file).strip(), file.toString(), bytes);
        }
        byte[] key = random(bytes);
        Files.writeString(file, Base64.getEncoder().encodeToString(key));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return key;
    }

    /** Returns {@code n} random bytes from a strong source. */
    public static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] decode(String base64, String source, int bytes) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != bytes) {
            throw new IllegalArgumentException(source + " must hold base64 of " + bytes + " random bytes");
        }
        return key;
    }
}
