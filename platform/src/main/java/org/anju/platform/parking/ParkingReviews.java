package org.anju.platform.parking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonRawValue;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.estate.Vehicles;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * The review queue of visitor parking: the items a community's staff look at, and their
 * resolution (waive, charge, assign), each in one transaction with its audit entry. A resolution
 * that charges becomes a visit whose source is the item ({@code review:<id>}), so resolving twice is
 * refused (409) and never charges twice. Methods block on JDBC: call them from a worker.
 */
public final class ParkingReviews {

    /** A review item as the API shows it; {@code evidence} is the JSON array of the reads. */
    public record View(long id, String communityId, String reason, String plate, Instant ts,
            @JsonRawValue String evidence, String status, String resolvedBy, Instant resolvedAt, String resolutionNote,
            Long visitId) {
    }

    /** Who resolves, for the audit log. */
    public record Actor(String username, String tenantId, String sourceAddress) {
    }

    private static final String COLUMNS = "r.id, r.community_id, r.reason, r.plate, r.ts, r.evidence::text, r.status, "
            + "r.resolved_by, r.resolved_at, r.resolution_note, r.visit_id";

    private final UnitOfWork work;
    private final VisitorTariffs tariffs;

    /** @param work a unit of work of the interactive class */
    public ParkingReviews(UnitOfWork work, VisitorTariffs tariffs) {
        this.work = work;
        this.tariffs = tariffs;
    }

    /** Returns a page of the community's items, newest first; of one status ({@code open}, …) or all (null). */
    public Page<View> ofCommunity(String communityId, String status, ListRequest page) {
        List<View> rows = work.read("parking reviews", tx -> tx.query("SELECT " + COLUMNS + " FROM parking_reviews r "
                + "WHERE r.community_id = ? AND (?::text IS NULL OR r.status = ?) AND r.id < ? ORDER BY r.id DESC LIMIT ?",
                ParkingReviews::view, communityId, status, status, page.afterId(), page.fetchSize()));
        return page.page(rows, r -> new Object[] {r.id()});
    }

    /**
     * Resolves an open item of the community.
     *
     * @throws ClientError 404 when the community has no such item, 409 when it is resolved already
     */
    public View resolve(String communityId, long id, Resolution decision, Actor actor) {
        return work.inTransaction("parking reviews", tx -> {
            View item = tx.one("SELECT " + COLUMNS + " FROM parking_reviews r WHERE r.id = ? AND r.community_id = ? "
                    + "FOR UPDATE", ParkingReviews::view, id, communityId)
                    .orElseThrow(() -> ClientError.notFound("no parking review item " + id + " in community " + communityId));
            if (!item.status().equals("open")) {
                throw new ClientError(ClientError.CONFLICT, "parking review item " + id + " is resolved already ("
                        + item.status() + ")");
            }
            Long visitId = decision.action().equals("waive") ? null : visit(tx, item, decision);
            String status = switch (decision.action()) {
                case "waive" -> "waived";
                case "charge" -> "charged";
                default -> "assigned";
            };
            tx.update("UPDATE parking_reviews SET status = ?, resolved_by = ?, resolved_at = now(), resolution_note = ?, "
                    + "visit_id = ? WHERE id = ?", status, actor.username(), decision.reason(), visitId, id);
            AuditLog.write(tx, AuditEntry.of("parking.review.resolve", actor.username(), actor.tenantId(),
                    actor.sourceAddress(), "parking-review:" + id).with("action", decision.action())
                    .with("reason", decision.reason()).with("visitId", visitId));
            return tx.one("SELECT " + COLUMNS + " FROM parking_reviews r WHERE r.id = ?", ParkingReviews::view, id)
                    .orElseThrow();
        });
    }

    private Long visit(UnitOfWork.Tx tx, View item, Resolution d) throws SQLException {
        String plate = d.plate() != null ? d.plate() : item.plate() != null ? item.plate() : "unread";
        Instant entry = d.entryTs() != null ? d.entryTs() : item.ts();
        Instant exit = d.exitTs() != null ? d.exitTs() : item.ts();
        Long household = d.householdId();
        long fen;
        if (d.action().equals("charge")) {
            fen = d.amountFen();
        } else {
            Map<String, Long> owners = Vehicles.householdsOfPlates(tx, item.communityId(), List.of(plate));
            household = owners.get(plate);
            fen = household != null ? 0 : tariffs.at(tx, item.communityId(), exit).charge(Duration.between(entry, exit));
        }
        return ParkingStore.addVisits(tx, List.of(new ParkingStore.NewVisit(item.communityId(), "review:" + item.id(),
                plate, "-", entry, null, exit, null, household, "review", fen, d.reason()))).getFirst();
    }

    private static View view(ResultSet rs) throws SQLException {
        return new View(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.instant(rs, "ts"),
                rs.getString(6), rs.getString(7), rs.getString(8), Sql.instant(rs, "resolved_at"), rs.getString(10),
                rs.getObject(11, Long.class));
    }
}
