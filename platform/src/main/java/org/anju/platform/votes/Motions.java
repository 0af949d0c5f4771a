package org.anju.platform.votes;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.platform.Json;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.delivery.Notification;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * Owners' votes (Civil Code art. 278): property administrators draft a motion and open it for a
 * number of days, which snapshots the electorate; each household's owner casts its one ballot;
 * when voting ends the result is counted ({@link Tally}) and frozen in the motion, by the close
 * job or by the first request that finds the motion past its end, whichever comes first. A
 * motion closes once: the close locks its row, and ballots share that lock, so a ballot either
 * counts or is refused.
 * <p>
 * Methods block on JDBC: call them from a worker. They fail with {@link ClientError} 400 naming
 * the field, 403/404 (see {@link VoteAccess}), 409 for a ballot cast twice or outside voting,
 * and a retryable 503 when the database is unavailable.
 */
public final class Motions {

    private static final Logger LOG = LoggerFactory.getLogger(Motions.class);
    private static final String WHAT = "owners' votes";
    private static final int CLOSE_BATCH = 100;

    private final UnitOfWork db;
    private final Electorate electorate;
    private final Outbox outbox;
    private final Clock clock;

    /** @param dayZone where the day of a household membership begins */
    public Motions(UnitOfWork db, Outbox outbox, Clock clock, ZoneId dayZone) {
        this.db = db;
        this.electorate = new Electorate(clock, dayZone);
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Drafts a motion in a community; {@code audit} is written in the same transaction. */
    public MotionView create(Principal user, String communityId, JsonObject body, AuditEntry audit) {
        if (!VoteAccess.mayManage(user, communityId)) {
            throw ClientError.forbidden(user.username() + " may not draft motions in community '" + communityId + "'");
        }
        MotionRequest request = MotionRequest.parse(body);
        return db.inTransaction(WHAT, tx -> {
            String tenantId = Devices.tenantOfCommunity(tx, communityId)
                    .orElseThrow(() -> ClientError.notFound("no community '" + communityId + "'"));
            long id = MotionStore.insert(tx, tenantId, communityId, request.kind(), request.title(),
                    request.description(), request.votingDays(), user.username(), clock.instant());
            AuditLog.write(tx, audit.forTenant(tenantId).about("motion:" + id).with("kind", request.kind().wireName()));
            return view(tx, user, MotionStore.get(tx, id).orElseThrow());
        });
    }

    /**
     * Opens a drafted motion: voting lasts its days from now, and the electorate is the
     * community's households and owners as they are now.
     *
     * @throws ClientError 409 when it is not a draft, or the community has no households
     */
    public MotionView open(Principal user, long id, AuditEntry audit) {
        return db.inTransaction(WHAT, tx -> {
            MotionStore.Row motion = visible(tx, user, MotionStore.lock(tx, id), id);
            if (!VoteAccess.mayManage(user, motion.communityId())) {
                throw ClientError.forbidden(user.username() + " may not open motion " + id);
            }
            if (!"draft".equals(motion.status())) {
                throw new ClientError(ClientError.CONFLICT, "motion " + id + " is " + motion.status() + ", not a draft");
            }
            List<Voter> voters = electorate.households(tx, motion.communityId());
            if (voters.isEmpty()) {
                throw new ClientError(ClientError.CONFLICT, "community '" + motion.communityId()
                        + "' has no households to vote");
            }
            Instant now = clock.instant();
            MotionStore.open(tx, id, now, now.plus(Duration.ofDays(motion.votingDays())), voters);
            AuditLog.write(tx, audit.forTenant(motion.tenantId()).with("households", voters.size()));
            MotionStore.Row opened = MotionStore.get(tx, id).orElseThrow();
            notify(tx, "motion.opened", opened);
            return view(tx, user, opened);
        });
    }

    /**
     * Returns the community's motions, newest first (at most {@value MotionStore#LIST_MAX}): all of
     * them to its staff, the opened ones to its residents.
     */
    public List<MotionView> list(Principal user, String communityId) {
        boolean staff = VoteAccess.isStaff(user, communityId);
        return db.inTransaction(WHAT, tx -> {
            if (!staff && !resident(tx, user, communityId)) {
                throw ClientError.forbidden(user.username() + " may not see the motions of community '" + communityId
                        + "'");
            }
            if (Devices.tenantOfCommunity(tx, communityId).isEmpty()) {
                throw ClientError.notFound("no community '" + communityId + "'");
            }
            List<MotionView> views = new ArrayList<>();
            for (MotionStore.Row motion : MotionStore.ofCommunity(tx, communityId, staff)) {
                views.add(view(tx, user, closeIfDue(tx, motion)));
            }
            return views;
        });
    }

    /** Returns one motion, closing it first when its voting has ended. */
    public MotionView get(Principal user, long id) {
        return db.inTransaction(WHAT, tx -> view(tx, user, closeIfDue(tx, visible(tx, user, id))));
    }

    /**
     * Casts the ballot of a household ({@code householdId}, {@code choice}: yes, no or abstain) by
     * one of its owners at the motion's opening.
     *
     * @throws ClientError 403 for anyone else (staff, tenants, owners of other households), 409 when
     *                     the household has voted already or voting is not open
     */
    public BallotView cast(Principal user, long motionId, JsonObject body) {
        long householdId = householdId(body);
        Choice choice = body.getValue("choice") instanceof String s ? Choice.fromWireName(s).orElse(null) : null;
        if (choice == null) {
            throw ClientError.badRequest("field 'choice' must be yes, no or abstain");
        }
        return db.inTransaction(WHAT, tx -> {
            closeIfDue(tx, visible(tx, user, motionId));
            MotionStore.Row motion = MotionStore.share(tx, motionId).orElseThrow();
            if (!motion.open() || !clock.instant().isBefore(motion.closesAt())) {
                throw new ClientError(ClientError.CONFLICT, "voting on motion " + motionId + " is not open (it is "
                        + motion.status() + ")");
            }
            boolean owner = user.has(Role.RESIDENT) && MotionStore.voter(tx, motionId, householdId)
                    .map(v -> v.owners().contains(user.username())).orElse(false);
            if (!owner) {
                throw ClientError.forbidden("only an owner of household " + householdId + " at the opening of motion "
                        + motionId + " may cast its ballot");
            }
            return MotionStore.cast(tx, motionId, householdId, choice, user.username(), clock.instant())
                    .orElseThrow(() -> new ClientError(ClientError.CONFLICT, "household " + householdId
                            + " has voted on motion " + motionId + " already"));
        });
    }

    /**
     * Returns a household's ballot to its owners and to the community's administrators.
     *
     * @throws ClientError 404 when it has not voted, and for another household's ballot
     */
    public BallotView ballot(Principal user, long motionId, long householdId) {
        return db.inTransaction(WHAT, tx -> {
            MotionStore.Row motion = visible(tx, user, motionId);
            boolean allowed = VoteAccess.mayManage(user, motion.communityId())
                    || MotionStore.voter(tx, motionId, householdId).map(v -> v.owners().contains(user.username()))
                            .orElse(false);
            Optional<BallotView> ballot = allowed ? MotionStore.ballot(tx, motionId, householdId) : Optional.empty();
            return ballot.orElseThrow(() -> ClientError.notFound("no ballot of household " + householdId
                    + " on motion " + motionId));
        });
    }

    /**
     * Closes the open motions whose voting has ended (the close job), each in its own transaction.
     *
     * @return how many this call closed
     */
    public int closeDue() {
        List<Long> due = db.read(WHAT, tx -> MotionStore.due(tx, clock.instant(), CLOSE_BATCH));
        int closed = 0;
        for (long id : due) {
            if (db.inTransaction(WHAT, tx -> close(tx, id))) {
                closed++;
            }
        }
        return closed;
    }

    /**
     * Returns the resolution a motion carried when it is closed and approved (in the caller's
     * transaction: a fund expense or a common-area lease checks it where it records itself).
     */
    public static Optional<Resolution> approved(UnitOfWork.Tx tx, long motionId) throws SQLException {
        return MotionStore.get(tx, motionId)
                .filter(m -> m.outcome() == Outcome.APPROVED)
                .map(m -> new Resolution(m.id(), m.communityId(), m.kind(), m.title(), m.closedAt()));
    }

    private MotionStore.Row visible(UnitOfWork.Tx tx, Principal user, long id) throws SQLException {
        return visible(tx, user, MotionStore.get(tx, id), id);
    }

    private MotionStore.Row visible(UnitOfWork.Tx tx, Principal user, Optional<MotionStore.Row> motion, long id)
            throws SQLException {
        if (motion.isPresent() && VoteAccess.sees(user, motion.get(), resident(tx, user, motion.get().communityId()))) {
            return motion.get();
        }
        throw VoteAccess.hidden(user, id);
    }

    private boolean resident(UnitOfWork.Tx tx, Principal user, String communityId) throws SQLException {
        return user.has(Role.RESIDENT) && electorate.belongs(tx, user.username(), communityId);
    }

    private MotionStore.Row closeIfDue(UnitOfWork.Tx tx, MotionStore.Row motion) throws SQLException {
        if (motion.open() && !clock.instant().isBefore(motion.closesAt()) && close(tx, motion.id())) {
            return MotionStore.get(tx, motion.id()).orElseThrow();
        }
        return motion;
    }

    /** Counts and freezes the result under the motion's lock; false when another close was first. */
    private boolean close(UnitOfWork.Tx tx, long id) throws SQLException {
        MotionStore.Row motion = MotionStore.lock(tx, id).orElseThrow();
        Instant now = clock.instant();
        if (!motion.open() || now.isBefore(motion.closesAt())) {
            return false;
        }
        Tally tally = Tally.count(MotionStore.electorate(tx, id), MotionStore.choices(tx, id));
        Outcome outcome = tally.outcome(motion.kind());
        MotionStore.close(tx, id, now, tally, outcome);
        notify(tx, "motion.closed", MotionStore.get(tx, id).orElseThrow());
        LOG.info("motion closed [community: {}, motion: {}, kind: {}, outcome: {}]", motion.communityId(), id,
                motion.kind().wireName(), outcome.wireName());
        return true;
    }

    private MotionView view(UnitOfWork.Tx tx, Principal user, MotionStore.Row m) throws SQLException {
        TallyView tally = null;
        if (m.closed()) {
            tally = TallyView.of(m.result(), m.outcome(), true);
        } else if (m.open() && VoteAccess.isStaff(user, m.communityId())) {
            Tally running = Tally.count(MotionStore.electorate(tx, m.id()), MotionStore.choices(tx, m.id()));
            tally = TallyView.of(running, running.outcome(m.kind()), false);
        }
        return new MotionView(m.id(), m.communityId(), m.kind().wireName(), m.title(), m.description(),
                m.votingDays(), m.status(), m.createdBy(), m.createdAt(), m.openedAt(), m.closesAt(), m.closedAt(),
                tally);
    }

    private void notify(UnitOfWork.Tx tx, String topic, MotionStore.Row m) throws SQLException {
        ObjectNode payload = Json.MAPPER.createObjectNode().put("motionId", m.id()).put("communityId", m.communityId())
                .put("kind", m.kind().wireName()).put("title", m.title()).put("status", m.status())
                .put("closesAt", m.closesAt().toString());
        if (m.closed()) {
            payload.put("outcome", m.outcome().wireName());
        }
        outbox.append(tx, new Notification(topic, m.tenantId(), m.communityId(), false, payload));
    }

    private static long householdId(JsonObject body) {
        Object value = body.getValue("householdId");
        if (value instanceof Integer || value instanceof Long) {
            long id = ((Number) value).longValue();
            if (id > 0) {
                return id;
            }
        }
        throw ClientError.badRequest("field 'householdId' must be a household id (a positive whole number)");
    }
}
