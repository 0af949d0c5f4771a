package org.anju.platform.billing;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.estate.Households;
import org.anju.platform.estate.ParkingSpaces;
import org.anju.platform.estate.Relation;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/** The contracts' SQL: every statement on {@code rental_contracts} and {@code space_waiting_list} is here. */
final class ContractStore implements Contracts {

    private static final String COLUMNS = "id, community_id, space_id, household_id, owner_household, term, period_fen, "
            + "starts_on, ends_on, terminated_on, resolution_id, renews_contract_id";
    private static final String EXCLUSION_VIOLATION = "23P01";

    private final Tariffs tariffs;
    private final BillingSettings settings;
    private final CommonAreaResolutions resolutions;
    private final Clock clock;

    ContractStore(Tariffs tariffs, BillingSettings settings, CommonAreaResolutions resolutions, Clock clock) {
        this.tariffs = tariffs;
        this.settings = settings;
        this.resolutions = resolutions;
        this.clock = clock;
    }

    @Override
    public Contract sign(UnitOfWork.Tx tx, NewContract c) throws SQLException {
        lockCommunity(tx, c.communityId());
        ParkingSpaces.ParkingSpace space = ParkingSpaces.byId(tx, c.spaceId())
                .filter(s -> s.communityId().equals(c.communityId()))
                .orElseThrow(() -> ClientError.notFound("no space " + c.spaceId() + " in community " + c.communityId()));
        Households.byId(tx, c.householdId()).filter(h -> h.communityId().equals(c.communityId()))
                .orElseThrow(() -> ClientError.notFound("no household " + c.householdId() + " in community "
                        + c.communityId()));
        if (space.ownership() == ParkingSpaces.Ownership.PRIVATE) {
            throw conflict("space " + space.number() + " is privately owned by household " + space.ownerHouseholdId());
        }
        boolean owner = isOwner(tx, c.householdId(), c.startsOn());
        if (!owner) {
            requireNonOwnerMayLease(tx, c, space);
        }
        Optional<Contract> taken = takenBy(tx, c.spaceId(), c.startsOn(), c.endsOn());
        if (taken.isPresent()) {
            throw conflict("space " + space.number() + " is taken by contract " + taken.get().id() + " from "
                    + taken.get().startsOn() + " until " + taken.get().coveredUntil());
        }
        Tariff.SpaceRent rent = tariffs.tariffAt(tx, c.communityId(), Tariff.SpaceRent.class,
                c.startsOn().atStartOfDay(settings.zone()).toInstant()).orElseThrow(() -> conflict("community "
                        + c.communityId() + " has no space_rent tariff in force on " + c.startsOn()));
        long periodFen = rent.periodFen(SpaceKind.fromWireName(space.kind().wireName()).orElseThrow(), c.term());
        Contract made = insert(tx, c, owner, periodFen, null);
        if (owner) {
            tx.update("UPDATE space_waiting_list SET left_at = now() WHERE household_id = ? AND left_at IS NULL",
                    c.householdId());
        }
        return made;
    }

    private void requireNonOwnerMayLease(UnitOfWork.Tx tx, NewContract c, ParkingSpaces.ParkingSpace space)
            throws SQLException {
        Optional<Long> waiting = waiting(tx, c.communityId()).stream().findFirst();
        if (waiting.isPresent()) {
            throw conflict("owner household " + waiting.get() + " of community " + c.communityId()
                    + " waits for a space: no space is leased to a non-owner household (Civil Code 276)");
        }
        int months = c.term().months() * c.periods();
        int maxMonths = settings.of(tx, c.communityId()).nonOwnerLeaseMaxMonths();
        if (months > maxMonths) {
            throw conflict("a lease to a non-owner household is at most " + maxMonths
                    + " months (billing.nonOwnerLeaseMaxMonths); asked for " + months);
        }
        if (space.ownership() == ParkingSpaces.Ownership.COMMON) {
            if (c.resolutionId() == null) {
                throw ClientError.badRequest("resolutionId is required: space " + space.number()
                        + " is common-area and the household is not an owner's");
            }
            if (!resolutions.allowsLease(tx, c.communityId(), c.resolutionId())) {
                throw conflict("resolution " + c.resolutionId() + " does not allow leasing common-area spaces of "
                        + c.communityId());
            }
        }
    }

    private static boolean isOwner(UnitOfWork.Tx tx, long householdId, LocalDate day) throws SQLException {
        return Households.members(tx, householdId).stream()
                .anyMatch(m -> m.relation() == Relation.OWNER && m.holdsOn(day));
    }

    private Contract insert(UnitOfWork.Tx tx, NewContract c, boolean owner, long periodFen, Long renews)
            throws SQLException {
        try {
            return tx.one("INSERT INTO rental_contracts (community_id, space_id, household_id, owner_household, term, "
                    + "period_fen, starts_on, ends_on, resolution_id, renews_contract_id, created_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS, ContractStore::contract,
                    c.communityId(), c.spaceId(), c.householdId(), owner, c.term().wireName(), periodFen,
                    Date.valueOf(c.startsOn()), Date.valueOf(c.endsOn()), c.resolutionId(), renews, c.createdBy(),
                    clock.instant())
                    .orElseThrow();
        } catch (SQLException e) {
            if (EXCLUSION_VIOLATION.equals(e.getSQLState())) {
                // the lock makes this rare (a writer that did not take it); the constraint still holds
                throw conflict("space " + c.spaceId() + " is taken by another contract for those days");
            }
            throw e;
        }
    }

    private Optional<Contract> takenBy(UnitOfWork.Tx tx, long spaceId, LocalDate from, LocalDate until)
            throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM rental_contracts WHERE space_id = ? "
                + "AND daterange(starts_on, coalesce(terminated_on, ends_on)) && daterange(?, ?) ORDER BY starts_on LIMIT 1",
                ContractStore::contract, spaceId, Date.valueOf(from), Date.valueOf(until));
    }

    @Override
    public Contract renew(UnitOfWork.Tx tx, String communityId, long contractId, int periods, String createdBy)
            throws SQLException {
        Contract old = get(tx, communityId, contractId)
                .orElseThrow(() -> ClientError.notFound("no contract " + contractId + " in community " + communityId));
        if (old.terminatedOn() != null) {
            throw conflict("contract " + contractId + " was terminated on " + old.terminatedOn() + " and cannot be renewed");
        }
        Contract renewal = sign(tx, new NewContract(communityId, old.spaceId(), old.householdId(), old.term(), periods,
                old.endsOn(), old.resolutionId(), createdBy));
        return tx.one("UPDATE rental_contracts SET renews_contract_id = ? WHERE id = ? RETURNING " + COLUMNS,
                ContractStore::contract, contractId, renewal.id()).orElseThrow();
    }

    @Override
    public Contract terminate(UnitOfWork.Tx tx, String communityId, long contractId, LocalDate on)
            throws SQLException {
        lockCommunity(tx, communityId);
        Contract c = get(tx, communityId, contractId)
                .orElseThrow(() -> ClientError.notFound("no contract " + contractId + " in community " + communityId));
        if (c.terminatedOn() != null) {
            throw conflict("contract " + contractId + " was already terminated on " + c.terminatedOn());
        }
        if (!on.isAfter(c.startsOn()) || !on.isBefore(c.endsOn())) {
            throw ClientError.badRequest("terminatedOn must be after " + c.startsOn() + " and before " + c.endsOn()
                    + ", was " + on);
        }
        return tx.one("UPDATE rental_contracts SET terminated_on = ? WHERE id = ? RETURNING " + COLUMNS,
                ContractStore::contract, Date.valueOf(on), contractId).orElseThrow();
    }

    @Override
    public Optional<Contract> get(UnitOfWork.Tx tx, String communityId, long contractId) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM rental_contracts WHERE id = ? AND community_id = ?",
                ContractStore::contract, contractId, communityId);
    }

    @Override
    public Optional<Contract> byId(UnitOfWork.Tx tx, long contractId) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM rental_contracts WHERE id = ?", ContractStore::contract, contractId);
    }

    @Override
    public List<Contract> list(UnitOfWork.Tx tx, String communityId, Long spaceId, Long householdId,
            LocalDate activeOn, long beforeId, int limit) throws SQLException {
        Date day = activeOn == null ? null : Date.valueOf(activeOn);
        return tx.query("SELECT " + COLUMNS + " FROM rental_contracts WHERE community_id = ? "
                + "AND (?::bigint IS NULL OR space_id = ?) AND (?::bigint IS NULL OR household_id = ?) "
                + "AND (?::date IS NULL OR (starts_on <= ? AND coalesce(terminated_on, ends_on) > ?)) "
                + "AND id < ? ORDER BY id DESC LIMIT ?", ContractStore::contract, communityId, spaceId, spaceId,
                householdId, householdId, day, day, day, beforeId, limit);
    }

    @Override
    public List<Contract> ofHouseholds(UnitOfWork.Tx tx, List<Long> householdIds) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM rental_contracts WHERE household_id = ANY (?) ORDER BY id DESC",
                ContractStore::contract, Sql.array(tx.connection(), "int8", householdIds));
    }

    @Override
    public Optional<Contract> ofSpaceOn(UnitOfWork.Tx tx, long spaceId, LocalDate day) throws SQLException {
        return takenBy(tx, spaceId, day, day.plusDays(1));
    }

    @Override
    public List<Contract> ofHouseholdOn(UnitOfWork.Tx tx, long householdId, LocalDate day) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM rental_contracts WHERE household_id = ? AND starts_on <= ? "
                + "AND coalesce(terminated_on, ends_on) > ? ORDER BY id", ContractStore::contract, householdId,
                Date.valueOf(day), Date.valueOf(day));
    }

    @Override
    public List<Contract> overlapping(UnitOfWork.Tx tx, String communityId, LocalDate from, LocalDate until)
            throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM rental_contracts WHERE community_id = ? AND starts_on < ? "
                + "AND coalesce(terminated_on, ends_on) > ? ORDER BY id", ContractStore::contract, communityId,
                Date.valueOf(until), Date.valueOf(from));
    }

    @Override
    public List<Contract> signedSince(UnitOfWork.Tx tx, String communityId, Instant since, LocalDate before)
            throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM rental_contracts WHERE community_id = ? AND created_at >= ? "
                + "AND starts_on < ? ORDER BY id", ContractStore::contract, communityId, since,
                Date.valueOf(before));
    }

    @Override
    public void waitForSpace(UnitOfWork.Tx tx, String communityId, long householdId, LocalDate today)
            throws SQLException {
        lockCommunity(tx, communityId);
        Households.byId(tx, householdId).filter(h -> h.communityId().equals(communityId))
                .orElseThrow(() -> ClientError.notFound("no household " + householdId + " in community " + communityId));
        if (!isOwner(tx, householdId, today)) {
            throw conflict("household " + householdId + " has no owner: only owner households wait for a space");
        }
        tx.update("INSERT INTO space_waiting_list (community_id, household_id) VALUES (?, ?) "
                + "ON CONFLICT (household_id) WHERE left_at IS NULL DO NOTHING", communityId, householdId);
    }

    @Override
    public List<Long> waiting(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.query("SELECT household_id FROM space_waiting_list WHERE community_id = ? AND left_at IS NULL "
                + "ORDER BY since, id", rs -> rs.getLong(1), communityId);
    }

    private static void lockCommunity(UnitOfWork.Tx tx, String communityId) throws SQLException {
        tx.one("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 0, "contracts:" + communityId);
    }

    private static ClientError conflict(String message) {
        return new ClientError(ClientError.CONFLICT, message);
    }

    private static Contract contract(ResultSet rs) throws SQLException {
        long resolution = rs.getLong("resolution_id");
        Long resolutionId = rs.wasNull() ? null : resolution;
        long renews = rs.getLong("renews_contract_id");
        Long renewsId = rs.wasNull() ? null : renews;
        Date terminated = rs.getDate("terminated_on");
        return new Contract(rs.getLong("id"), rs.getString("community_id"), rs.getLong("space_id"),
                rs.getLong("household_id"), rs.getBoolean("owner_household"),
                Term.fromWireName(rs.getString("term")).orElseThrow(), rs.getLong("period_fen"),
                rs.getDate("starts_on").toLocalDate(), rs.getDate("ends_on").toLocalDate(),
                terminated == null ? null : terminated.toLocalDate(), resolutionId, renewsId);
    }
}
