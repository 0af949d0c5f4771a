package org.anju.platform.delivery;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.platform.storage.UnitOfWork;

/**
 * Appends notifications the way producers do: {@link Outbox#append} inside a transaction of the
 * unit of work, which wakes the readers after the commit.
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
        return UnitOfWork.of(dataSource).inTransaction("test notifications", tx -> {
            List<Long> ids = new ArrayList<>();
            for (Notification n : notifications) {
                ids.add(outbox.append(tx, n));
            }
            return ids;
        });
    }
}
