package org.anju.platform.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.SecureRandom;
import java.util.Locale;

import org.anju.error.ClientError;

/**
 * What a user password must be, checked wherever one is set (the users API, the command line,
 * changing one's own password, seeded users): at least {@value #MIN_LENGTH} characters, at most
 * {@value #MAX_BYTES} bytes in UTF-8 (bcrypt reads no further, so a longer password would be
 * silently cut), at least {@value #MIN_DISTINCT} different characters, and not the user name.
 */
public final class PasswordPolicy {

    /** Fewest characters (Unicode code points) of a password. */
    public static final int MIN_LENGTH = 12;
    /** Most bytes of a password in UTF-8: bcrypt uses the first 72 bytes and ignores the rest. */
    public static final int MAX_BYTES = 72;
    /** Fewest different characters, so that {@code aaaaaaaaaaaa} is not a password. */
    public static final int MIN_DISTINCT = 5;
    /** Length of a generated password. */
    public static final int GENERATED_LENGTH = 20;

    // no 0/O, 1/l/I: generated passwords are read off a terminal and typed
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordPolicy() {
    }

    /**
     * Checks a new password of a user.
     *
     * @throws ClientError 400 naming the rule the password breaks (never repeating the password)
     */
    public static void check(String username, String password) {
        if (password == null || password.isEmpty()) {
            throw ClientError.badRequest("a password is required");
        }
        requireWithinBytes(password);
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ClientError.badRequest("the password must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT) {
            throw ClientError.badRequest("the password must have at least " + MIN_DISTINCT + " different characters");
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            throw ClientError.badRequest("the password must not contain control characters");
        }
        if (username != null && password.strip().toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT))) {
            throw ClientError.badRequest("the password must not be the user name");
        }
    }

    /**
     * Refuses a password longer than bcrypt can use; log-in checks this too, so that a long
     * password is a clear 400 rather than a silent truncation or a failure inside bcrypt.
     *
     * @throws ClientError 400 naming the limit
     */
    public static void requireWithinBytes(String password) {
        int bytes = password.getBytes(UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw ClientError.badRequest("the password is " + bytes + " bytes long in UTF-8; at most " + MAX_BYTES
                    + " bytes are allowed (bcrypt's limit)");
        }
    }

    /** Returns a new random password that meets the policy. */
    public static String generate() {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        do {
            password.setLength(0);
            for (int i = 0; i < GENERATED_LENGTH; i++) {
                password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
        } while (password.chars().distinct().count() < MIN_DISTINCT);
        return password.toString();
    }
}
