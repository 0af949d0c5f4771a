package org.anju.platform.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.platform.notify.Notification;
import org.anju.platform.notify.Outbox;

/**
 * Appends notifications the way producers do: {@link Outbox#append} inside a transaction, then
 * {@link Outbox#committed()} after the commit.
 */
final class Notifications {

    private Notifications() {
    }

    static Notification of(String topic, String tenantId, String communityId, boolean fire, String note) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("note", note);
        return new Notification(topic, tenantId, communityId, fire, payload);
    }

    /** Appends the notifications in one transaction and returns their ids. */
    static List<Long> append(DataSource dataSource, Outbox outbox, List<Notification> notifications) {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (Notification n : notifications) {
                ids.add(outbox.append(c, n));
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("appending notifications failed: " + e.getMessage(), e);
        }
        outbox.committed();
        return ids;
    }
}
