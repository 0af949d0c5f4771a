package org.anju.platform.estate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.platform.storage.UnitOfWork;

/**
 * Reads households and their members in the caller's transaction: a household by id, the
 * households of a community with their private areas and owners, and the households a user
 * belongs to. A membership holds on a day when {@code since <= day < until} ({@code until} null:
 * open).
 * <p>
 * Every method runs on the caller's {@link UnitOfWork.Tx} and throws its {@link SQLException},
 * which the caller's unit of work maps.
 */
public final class Households {

    static final String COLUMNS = "h.id, h.community_id, h.building_id, h.unit_id, h.floor, h.number, h.private_area_m2";
    private static final String ACTIVE_ON = "m.since <= ? AND (m.until IS NULL OR m.until > ?)";

    private Households() {
    }

    /**
     * A household: one door of a building.
     *
     * @param unitId        null when the building has no units
     * @param privateAreaM2 the private area in m², two decimals, positive
     */
    public record Household(long id, String communityId, String buildingId, String unitId, int floor, String number,
            BigDecimal privateAreaM2) {
    }

    /**
     * A resident's membership of a household.
     *
     * @param until the first day it no longer holds; null while open
     */
    public record Member(long householdId, String username, Relation relation, LocalDate since, LocalDate until) {

        /** Returns whether the membership holds on the day. */
        public boolean holdsOn(LocalDate day) {
            return !since.isAfter(day) && (until == null || until.isAfter(day));
        }
    }

    /** A household a user belongs to, and how. */
    public record Membership(Household household, Relation relation, LocalDate since, LocalDate until) {
    }

    /** Returns the household, if it exists. */
    public static Optional<Household> byId(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM households h WHERE h.id = ?", Households::household, id);
    }

    /** Returns those of the households that exist, by id. */
    public static Map<Long, Household> byIds(UnitOfWork.Tx tx, Collection<Long> ids) throws SQLException {
        Map<Long, Household> found = new LinkedHashMap<>();
        tx.query("SELECT " + COLUMNS + " FROM households h WHERE h.id = ANY (?) ORDER BY h.id", Households::household,
                (Object) ids.stream().mapToLong(Long::longValue).toArray()).forEach(h -> found.put(h.id(), h));
        return found;
    }

    /** Returns every household of the community, by id; none for an unknown community. */
    public static List<Household> ofCommunity(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM households h WHERE h.community_id = ? ORDER BY h.id",
                Households::household, communityId);
    }

    /**
     * Returns one page of the community's households, by id: those after {@code afterId}, at most
     * {@code limit}.
     */
    public static List<Household> page(UnitOfWork.Tx tx, String communityId, long afterId, int limit)
            throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM households h WHERE h.community_id = ? AND h.id > ? ORDER BY h.id "
                + "LIMIT ?", Households::household, communityId, afterId, limit);
    }

    /**
     * Returns, per household of the community that has any, the usernames of its owners on the
     * day (sorted); households without an owner that day are left out.
     */
    public static Map<Long, List<String>> owners(UnitOfWork.Tx tx, String communityId, LocalDate day)
            throws SQLException {
        Map<Long, List<String>> owners = new LinkedHashMap<>();
        tx.query("SELECT m.household_id, m.username FROM household_members m JOIN households h ON h.id = m.household_id "
                + "WHERE h.community_id = ? AND m.relation = 'owner' AND " + ACTIVE_ON
                + " ORDER BY m.household_id, m.username",
                rs -> owners.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2)),
                communityId, day, day);
        return owners;
    }

    /** Returns every membership of the household, past and present, by username. */
    public static List<Member> members(UnitOfWork.Tx tx, long householdId) throws SQLException {
        return tx.query("SELECT m.household_id, m.username, m.relation, m.since, m.until FROM household_members m "
                + "WHERE m.household_id = ? ORDER BY m.username", Households::member, householdId);
    }

    /** Returns the households the user belongs to on the day, with the relation, by household id. */
    public static List<Membership> ofUser(UnitOfWork.Tx tx, String username, LocalDate day) throws SQLException {
        return tx.query("SELECT " + COLUMNS + ", m.relation, m.since, m.until FROM household_members m "
                + "JOIN households h ON h.id = m.household_id WHERE m.username = ? AND " + ACTIVE_ON
                + " ORDER BY h.id", rs -> new Membership(household(rs), relation(rs), date(rs, "since"),
                        date(rs, "until")), username, day, day);
    }

    /** Returns how the user belongs to the household on the day; empty when they do not. */
    public static Optional<Relation> relationOf(UnitOfWork.Tx tx, long householdId, String username, LocalDate day)
            throws SQLException {
        return tx.one("SELECT m.relation FROM household_members m WHERE m.household_id = ? AND m.username = ? AND "
                + ACTIVE_ON, Households::relation, householdId, username, day, day);
    }

    static Household household(ResultSet rs) throws SQLException {
        return new Household(rs.getLong("id"), rs.getString("community_id"), rs.getString("building_id"),
                rs.getString("unit_id"), rs.getInt("floor"), rs.getString("number"), rs.getBigDecimal("private_area_m2"));
    }

    private static Member member(ResultSet rs) throws SQLException {
        return new Member(rs.getLong("household_id"), rs.getString("username"), relation(rs), date(rs, "since"),
                date(rs, "until"));
    }

    private static Relation relation(ResultSet rs) throws SQLException {
        String wire = rs.getString("relation");
        return Relation.fromWireName(wire).orElseThrow(() -> new IllegalStateException("unknown relation " + wire));
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
