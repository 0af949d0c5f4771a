package org.anju.platform.votes;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * The SQL of owners' votes: {@code motions}, {@code motion_electorate} and {@code ballots}, all in
 * the caller's transaction.
 */
final class MotionStore {

    /** A motion's row; {@code result} and {@code outcome} are its frozen count and result once closed, else null. */
    record Row(long id, String tenantId, String communityId, MotionKind kind, String title, String description,
            int votingDays, String status, String createdBy, Instant createdAt, Instant openedAt, Instant closesAt,
            Instant closedAt, Tally result, Outcome outcome) {

        boolean closed() {
            return "closed".equals(status);
        }

        boolean open() {
            return "open".equals(status);
        }
    }

    private static final String COLUMNS = """
            id, tenant_id, community_id, kind, title, description, voting_days, status, created_by, created_at,
            opened_at, closes_at, closed_at, total_area_centi, total_owners, participating_area_centi,
            participating_owners, yes_area_centi, yes_owners, no_area_centi, no_owners, abstain_area_centi,
            abstain_owners, outcome""";
    /** How many motions a community's list shows, newest first. */
    static final int LIST_MAX = 200;

    private MotionStore() {
    }

    static long insert(UnitOfWork.Tx tx, String tenantId, String communityId, MotionKind kind, String title,
            String description, int votingDays, String createdBy, Instant now) throws SQLException {
        return tx.one("""
                INSERT INTO motions (tenant_id, community_id, kind, title, description, voting_days, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1), tenantId, communityId,
                kind.wireName(), title, description, votingDays, createdBy, now).orElseThrow();
    }

    static Optional<Row> get(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM motions WHERE id = ?", MotionStore::row, id);
    }

    /** Reads the motion and locks it against a concurrent open, close or ballot. */
    static Optional<Row> lock(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM motions WHERE id = ? FOR UPDATE", MotionStore::row, id);
    }

    /** Reads the motion and keeps it from closing until this transaction ends (ballots share the lock). */
    static Optional<Row> share(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM motions WHERE id = ? FOR SHARE", MotionStore::row, id);
    }

    static List<Row> ofCommunity(UnitOfWork.Tx tx, String communityId, boolean withDrafts) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM motions WHERE community_id = ?"
                + (withDrafts ? "" : " AND status <> 'draft'") + " ORDER BY id DESC LIMIT " + LIST_MAX,
                MotionStore::row, communityId);
    }

    /** Returns the ids of open motions whose voting has ended, oldest end first. */
    static List<Long> due(UnitOfWork.Tx tx, Instant now, int limit) throws SQLException {
        return tx.query("SELECT id FROM motions WHERE status = 'open' AND closes_at <= ? ORDER BY closes_at LIMIT ?",
                rs -> rs.getLong(1), now, limit);
    }

    static void open(UnitOfWork.Tx tx, long id, Instant now, Instant closesAt, List<Voter> electorate)
            throws SQLException {
        long area = electorate.stream().mapToLong(Voter::areaCenti).reduce(0, Math::addExact);
        tx.update("""
                UPDATE motions SET status = 'open', opened_at = ?, closes_at = ?, total_area_centi = ?, total_owners = ?
                 WHERE id = ?""", now, closesAt, area, electorate.size(), id);
        tx.batch("INSERT INTO motion_electorate (motion_id, household_id, area_centi, owners) VALUES (?, ?, ?, ?)",
                electorate, v -> new Object[] {id, v.householdId(), v.areaCenti(),
                        v.owners().stream().sorted().toArray(String[]::new)});
    }

    static List<Voter> electorate(UnitOfWork.Tx tx, long motionId) throws SQLException {
        return tx.query("SELECT household_id, area_centi, owners FROM motion_electorate WHERE motion_id = ?"
                + " ORDER BY household_id", rs -> new Voter(rs.getLong(1), rs.getLong(2), owners(rs.getArray(3))),
                motionId);
    }

    static Optional<Voter> voter(UnitOfWork.Tx tx, long motionId, long householdId) throws SQLException {
        return tx.one("SELECT household_id, area_centi, owners FROM motion_electorate WHERE motion_id = ?"
                + " AND household_id = ?", rs -> new Voter(rs.getLong(1), rs.getLong(2), owners(rs.getArray(3))),
                motionId, householdId);
    }

    static Map<Long, Choice> choices(UnitOfWork.Tx tx, long motionId) throws SQLException {
        Map<Long, Choice> choices = new HashMap<>();
        tx.query("SELECT household_id, choice FROM ballots WHERE motion_id = ?",
                rs -> choices.put(rs.getLong(1), Choice.fromWireName(rs.getString(2)).orElseThrow()), motionId);
        return choices;
    }

    /** Inserts the household's ballot; empty when it has one already. */
    static Optional<BallotView> cast(UnitOfWork.Tx tx, long motionId, long householdId, Choice choice, String user,
            Instant now) throws SQLException {
        return tx.one("""
                INSERT INTO ballots (motion_id, household_id, choice, cast_by, cast_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (motion_id, household_id) DO NOTHING
                RETURNING motion_id, household_id, choice, cast_by, cast_at""", MotionStore::ballot, motionId,
                householdId, choice.wireName(), user, now);
    }

    static Optional<BallotView> ballot(UnitOfWork.Tx tx, long motionId, long householdId) throws SQLException {
        return tx.one("SELECT motion_id, household_id, choice, cast_by, cast_at FROM ballots WHERE motion_id = ?"
                + " AND household_id = ?", MotionStore::ballot, motionId, householdId);
    }

    /** Freezes the result in the motion's row; the caller holds its lock and has checked it is open. */
    static void close(UnitOfWork.Tx tx, long id, Instant now, Tally t, Outcome outcome) throws SQLException {
        tx.update("""
                UPDATE motions SET status = 'closed', closed_at = ?, participating_area_centi = ?,
                       participating_owners = ?, yes_area_centi = ?, yes_owners = ?, no_area_centi = ?, no_owners = ?,
                       abstain_area_centi = ?, abstain_owners = ?, outcome = ?
                 WHERE id = ? AND status = 'open'""", now, t.participatingAreaCenti(),
                t.participatingOwners(), t.yesAreaCenti(), t.yesOwners(), t.noAreaCenti(), t.noOwners(),
                t.abstainAreaCenti(), t.abstainOwners(), outcome.wireName(), id);
    }

    private static BallotView ballot(ResultSet rs) throws SQLException {
        return new BallotView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), instant(rs, "cast_at"));
    }

    private static Set<String> owners(Array array) throws SQLException {
        return Set.of((String[]) array.getArray());
    }

    private static Row row(ResultSet rs) throws SQLException {
        Tally result = rs.getString("status").equals("closed") ? new Tally(rs.getLong("total_area_centi"),
                rs.getLong("total_owners"), rs.getLong("participating_area_centi"), rs.getLong("participating_owners"),
                rs.getLong("yes_area_centi"), rs.getLong("yes_owners"), rs.getLong("no_area_centi"),
                rs.getLong("no_owners"), rs.getLong("abstain_area_centi"), rs.getLong("abstain_owners")) : null;
        return new Row(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("community_id"),
                MotionKind.fromWireName(rs.getString("kind")).orElseThrow(), rs.getString("title"),
                rs.getString("description"), rs.getInt("voting_days"), rs.getString("status"),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "opened_at"),
                instant(rs, "closes_at"), instant(rs, "closed_at"), result,
                result == null ? null : Outcome.fromWireName(rs.getString("outcome")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Sql.instant(rs, column);
    }
}
