package org.anju.platform.testing;

/**
 * Writes alert records, fire cases, rescues, incidents and webhook deliveries straight into their
 * tables, at any time in the past, for tests of what lists hold. Times are SQL expressions (e.g.
 * {@code now() - INTERVAL '8 days'}); a null end leaves the record active. Records belong to
 * tenant {@value Fixtures#TENANT} and community {@value Fixtures#COMMUNITY}.
 */
public final class RecordRows {

    private final RunningPlatform running;

    public RecordRows(RunningPlatform running) {
        this.running = running;
    }

    /** Writes an alert of the device, open since {@code openedAt} and resolved at {@code resolvedAt} or not. */
    public long alert(String type, String device, String openedAt, String resolvedAt) {
        return id("INSERT INTO alerts (tenant_id, community_id, address, device_id, device_type, type, severity, fire,"
                + " status, opened_at, first_seen, last_seen, resolved_at) SELECT tenant_id, community_id, 'Elm Court',"
                + " id, type, '" + type + "', 'minor', type = 'smoke_detector', "
                + (resolvedAt == null ? "'open'" : "'resolved'") + ", " + openedAt + ", " + openedAt + ", " + openedAt
                + ", " + orNull(resolvedAt) + " FROM devices WHERE id = '" + device + "' RETURNING id");
    }

    /** Writes a fire case of the smoke detector, with its alert. */
    public long fireCase(String device, String receivedAt, String closedAt) {
        return followUp("fire_cases", "fire_alarm", device, "received_at, updated_at", "closed_at",
                closedAt == null ? "received" : "closed", receivedAt, closedAt);
    }

    /** Writes a rescue of the elevator, with its entrapment alert. */
    public long rescue(String device, String openedAt, String releasedAt) {
        return followUp("rescues", "entrapment", device, "opened_at, sla_due_at", "released_at",
                releasedAt == null ? "open" : "released", openedAt, releasedAt);
    }

    /** Writes a storm incident opened 20 days ago. */
    public long incident(String type, String resolvedAt) {
        return id("INSERT INTO incidents (tenant_id, community_id, building_id, type, severity, fire, status, opened_at,"
                + " last_seen, resolved_at) VALUES ('" + Fixtures.TENANT + "', '" + Fixtures.COMMUNITY + "', 'elm-b1', '"
                + type + "', 'minor', false, " + (resolvedAt == null ? "'open'" : "'resolved'")
                + ", now() - INTERVAL '20 days', now() - INTERVAL '20 days', " + orNull(resolvedAt) + ") RETURNING id");
    }

    /** Writes a disabled webhook subscription (the dispatcher leaves its deliveries alone). */
    public long subscription(String name) {
        return id("INSERT INTO webhook_subscriptions (tenant_id, name, channel, url, topics, secret_ciphertext, enabled,"
                + " after_notification, created_by) VALUES ('" + Fixtures.TENANT + "', '" + name + "', 'webhook',"
                + " 'https://example.org/hook', '{*}', '\\x00', false, 0, 'root') RETURNING id");
    }

    /** Writes a delivery of a new notification to the subscription. */
    public long delivery(long subscription, String status, String createdAt, String finishedAt) {
        long notification = id("INSERT INTO notifications (created_at, tenant_id, community_id, topic, payload) VALUES ("
                + createdAt + ", '" + Fixtures.TENANT + "', '" + Fixtures.COMMUNITY + "', 'limits.test', '{}') RETURNING id");
        return id("INSERT INTO webhook_deliveries (subscription_id, notification_id, status, next_attempt_at, created_at,"
                + " finished_at) VALUES (" + subscription + ", " + notification + ", '" + status + "', " + createdAt + ", "
                + createdAt + ", " + orNull(finishedAt) + ") RETURNING id");
    }

    /** A record that follows an alert of the device, its two start columns at {@code start}, finished at {@code end} or not. */
    private long followUp(String table, String alertType, String device, String startColumns, String endColumn,
            String state, String start, String end) {
        long alert = alert(alertType + ".n" + System.nanoTime(), device, start, end);
        return id("INSERT INTO " + table + " (alert_id, tenant_id, community_id, device_id, state, " + startColumns + ", "
                + endColumn + ") SELECT " + alert + ", tenant_id, community_id, id, '" + state + "', " + start + ", " + start
                + ", " + orNull(end) + " FROM devices WHERE id = '" + device + "' RETURNING id");
    }

    private long id(String insert) {
        return Long.parseLong(running.sqlRows(insert).get(0));
    }

    private static String orNull(String sql) {
        return sql == null ? "NULL" : sql;
    }
}
