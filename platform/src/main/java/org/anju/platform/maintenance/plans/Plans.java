package org.anju.platform.maintenance.plans;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.storage.UnitOfWork;

/** The maintenance plans (table {@code maintenance_plans}), in the caller's transaction. */
public final class Plans {

    private static final String COLUMNS = """
            id, community_id, device_id, kind, every, start_on, lead_days, checklist, min_crew, last_done_on,
            opened_due_on""";

    private Plans() {
    }

    /**
     * Adds a plan to an asset after checking it ({@link PlanRules#check}).
     *
     * @throws ClientError 400/409 as {@link PlanRules#check}; 409 when the device has a plan of that kind already
     */
    public static Plan create(UnitOfWork.Tx tx, Asset asset, PlanSpec spec, String createdBy, Instant now)
            throws SQLException {
        PlanRules.check(spec, asset);
        return tx.one("""
                INSERT INTO maintenance_plans (community_id, device_id, kind, every, start_on, lead_days, checklist,
                                               min_crew, created_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device_id, kind) DO NOTHING
                RETURNING\s""" + COLUMNS, Plans::plan, asset.communityId(), asset.deviceId(), spec.kind().wireName(),
                spec.every(), spec.startOn(), spec.leadDays(), spec.checklist().toArray(String[]::new), spec.minCrew(),
                createdBy, now).orElseThrow(() -> new ClientError(ClientError.CONFLICT, "device '" + asset.deviceId()
                        + "' has a " + spec.kind().wireName() + " plan already"));
    }

    /**
     * Changes a plan (its kind stays) after checking the plan and its schedule against the last
     * occurrence done ({@link PlanRules#checkSchedule}: 409 naming the rule).
     */
    public static Plan update(UnitOfWork.Tx tx, Plan plan, Asset asset, PlanSpec spec, Instant now)
            throws SQLException {
        if (spec.kind() != plan.kind()) {
            throw ClientError.badRequest("kind cannot change (" + plan.kind().wireName() + "): add a new plan instead");
        }
        PlanRules.check(spec, asset);
        PlanRules.checkSchedule(spec, plan.lastDoneOn());
        return tx.one("UPDATE maintenance_plans SET every = ?, start_on = ?, lead_days = ?, checklist = ?, min_crew = ?,"
                + " updated_at = ? WHERE id = ? RETURNING " + COLUMNS, Plans::plan, spec.every(), spec.startOn(),
                spec.leadDays(), spec.checklist().toArray(String[]::new), spec.minCrew(), now, plan.id()).orElseThrow();
    }

    /** Removes a plan; returns whether there was one. */
    public static boolean delete(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.update("DELETE FROM maintenance_plans WHERE id = ?", id) > 0;
    }

    /** Returns a plan. */
    public static Optional<Plan> get(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM maintenance_plans WHERE id = ?", Plans::plan, id);
    }

    /** Returns a community's plans, by device and kind. */
    public static List<Plan> ofCommunity(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM maintenance_plans WHERE community_id = ? ORDER BY device_id, kind",
                Plans::plan, communityId);
    }

    /** Returns a device's plans, by kind. */
    public static List<Plan> ofDevice(UnitOfWork.Tx tx, String deviceId) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM maintenance_plans WHERE device_id = ? ORDER BY kind", Plans::plan,
                deviceId);
    }

    /** Returns every plan, by id (the daily run). */
    public static List<Plan> all(UnitOfWork.Tx tx) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM maintenance_plans ORDER BY id", Plans::plan);
    }

    /** Records that the work order of the occurrence due on {@code dueOn} was opened. */
    static void markOpened(UnitOfWork.Tx tx, List<Long> ids, List<LocalDate> dueOn) throws SQLException {
        tx.update("""
                UPDATE maintenance_plans p SET opened_due_on = o.due_on
                  FROM unnest(?::bigint[], ?::date[]) AS o(id, due_on) WHERE p.id = o.id""",
                tx.connection().createArrayOf("bigint", ids.toArray()),
                tx.connection().createArrayOf("date", dueOn.toArray()));
    }

    /**
     * Records an occurrence done on {@code day}: the next counts from it, and a rescheduled start
     * after it no longer applies.
     */
    static void markDone(UnitOfWork.Tx tx, long id, LocalDate day) throws SQLException {
        tx.update("""
                UPDATE maintenance_plans SET last_done_on = greatest(last_done_on, ?), start_on = least(start_on, ?)
                 WHERE id = ?""", day, day, id);
    }

    /** Records an occurrence of the device's plan of {@code kind} done on {@code day}, when it has one. */
    static void markDone(UnitOfWork.Tx tx, String deviceId, PlanKind kind, LocalDate day) throws SQLException {
        tx.update("""
                UPDATE maintenance_plans SET last_done_on = greatest(last_done_on, ?), start_on = least(start_on, ?)
                 WHERE device_id = ? AND kind = ?""", day, day, deviceId, kind.wireName());
    }

    private static Plan plan(ResultSet rs) throws SQLException {
        return new Plan(rs.getLong("id"), rs.getString("community_id"), rs.getString("device_id"),
                PlanKind.fromWireName(rs.getString("kind")).orElseThrow(), rs.getInt("every"),
                rs.getObject("start_on", LocalDate.class), rs.getInt("lead_days"),
                Arrays.asList((String[]) rs.getArray("checklist").getArray()), rs.getInt("min_crew"),
                rs.getObject("last_done_on", LocalDate.class), rs.getObject("opened_due_on", LocalDate.class));
    }
}
