package org.anju.platform.auth;

import java.util.Set;
import java.util.regex.Pattern;

import org.anju.error.ClientError;

/**
 * A user to create.
 *
 * @param displayName  shown instead of the user name; the user name when null
 * @param tenantId     the property company; null for platform administrators and the fire
 *                     brigade (a property administrator's own tenant when they create the user)
 * @param communityIds the communities a property user sees
 * @param password     the password; null to generate one (returned once)
 */
public record NewUser(String username, String displayName, String tenantId, Set<Role> roles, Set<String> communityIds,
        String password) {

    /** What a user name may be (the {@code users} table checks the same). */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.@-]{1,63}");
    public static final int MAX_DISPLAY_NAME = 100;

    /** @throws ClientError 400 naming a bad user name or display name */
    public NewUser {
        requireUsername(username);
        displayName = displayName == null ? username : checkDisplayName(displayName);
        roles = Set.copyOf(roles);
        communityIds = Set.copyOf(communityIds);
    }

    /** @throws ClientError 400 unless the name is a valid user name */
    public static void requireUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ClientError.badRequest("user name '" + printable(username) + "' is not valid: 2 to 64 lower-case"
                    + " letters, digits and _ . @ -, starting with a letter or digit");
        }
    }

    /** Returns the display name stripped; @throws ClientError 400 when it is empty, too long or has control characters */
    public static String checkDisplayName(String displayName) {
        String name = displayName.strip();
        if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            throw ClientError.badRequest("'displayName' must be 1 to " + MAX_DISPLAY_NAME
                    + " characters without control characters");
        }
        return name;
    }

    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        String clipped = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return clipped.replaceAll("\\p{Cntrl}", "?");
    }
}
