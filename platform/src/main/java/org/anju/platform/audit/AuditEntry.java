package org.anju.platform.audit;

import java.util.Objects;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonObject;

/**
 * One security-relevant action, as the audit log keeps it.
 *
 * @param action        what was done, a dotted name such as {@code login.failed} or {@code user.updated}
 * @param actor         the user who acted (for a failed log-in, the name tried); null for the
 *                      command line
 * @param tenantId      the tenant the action concerns, whose administrators may read it; null for
 *                      platform-wide actions (platform administrators read those)
 * @param sourceAddress where the request came from (the TCP peer address); null when not over the network
 * @param target        what the action was done to, e.g. a user name, {@code device:ID}, {@code fire-case:ID}
 * @param detail        a small JSON object saying what changed (never a password or a secret)
 */
public record AuditEntry(String action, String actor, String tenantId, String sourceAddress, String target,
        JsonObject detail) {

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
    /** Longest text kept of the free-form fields; a user name tried at log-in is attacker's text. */
    static final int MAX_TEXT = 256;

    public AuditEntry {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("audit action must be a dotted lower-case name: " + action);
        }
        actor = clip(actor);
        target = clip(target);
        sourceAddress = clip(sourceAddress);
        detail = detail == null ? new JsonObject() : detail.copy();
    }

    /** Returns an entry of an action by a user from an address, concerning a tenant, with no detail yet. */
    public static AuditEntry of(String action, String actor, String tenantId, String sourceAddress, String target) {
        return new AuditEntry(action, actor, tenantId, sourceAddress, target, null);
    }

    /** Returns this entry with one more detail. */
    public AuditEntry with(String key, Object value) {
        JsonObject more = detail.copy();
        more.put(Objects.requireNonNull(key, "key"), value instanceof String s ? clip(s) : value);
        return new AuditEntry(action, actor, tenantId, sourceAddress, target, more);
    }

    /** Returns this entry concerning another tenant (the tenant of the record acted on). */
    public AuditEntry forTenant(String tenant) {
        return new AuditEntry(action, actor, tenant, sourceAddress, target, detail);
    }

    /** Returns this entry about another target. */
    public AuditEntry about(String newTarget) {
        return new AuditEntry(action, actor, tenantId, sourceAddress, newTarget, detail);
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
