package org.anju.platform.auth;

import org.anju.platform.audit.AuditEntry;

/**
 * Who asks for a change of users, and from where: a logged-in user over HTTP, or the operator at
 * the command line ({@code ./anju admin}), who may do anything.
 *
 * @param user          the logged-in user; null for the command line
 * @param sourceAddress the request's peer address; null for the command line
 */
public record Actor(Principal user, String sourceAddress) {

    /** Returns the operator at the command line. */
    public static Actor commandLine() {
        return new Actor(null, null);
    }

    /** Returns whether this is the operator at the command line. */
    public boolean isCommandLine() {
        return user == null;
    }

    /** Returns the actor's name for messages. */
    public String name() {
        return user == null ? "the command line" : user.username();
    }

    /** Returns an audit entry of an action by this actor concerning a tenant. */
    public AuditEntry audit(String action, String tenantId, String target) {
        AuditEntry entry = AuditEntry.of(action, user == null ? null : user.username(), tenantId, sourceAddress, target);
        return user == null ? entry.with("via", "command line") : entry;
    }
}
