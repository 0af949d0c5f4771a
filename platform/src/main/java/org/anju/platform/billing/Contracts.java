package org.anju.platform.billing;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.storage.UnitOfWork;

/**
 * Rental contracts of parking spaces and the owners' waiting list, in the caller's transaction.
 * Every decision about a community's spaces (sign, renew, join the waiting list) takes the
 * community's transaction advisory lock first, so "an owner waits" and "the space is free" are
 * decided on what is committed; the database's exclusion constraint keeps one contract per space
 * at a time whatever happens.
 */
public interface Contracts {

    /**
     * Returns the contracts over the tariffs (the rent of a new contract) and the settings; a
     * contract is recorded as signed at {@code clock}'s instant (the billing runs compare it with
     * their own).
     */
    static Contracts create(Tariffs tariffs, BillingSettings settings, CommonAreaResolutions resolutions, Clock clock) {
        return new ContractStore(tariffs, settings, resolutions, clock);
    }

    /**
     * Signs a contract at the rent of the space_rent tariff in force on its first day. An owner
     * household leaves the waiting list.
     *
     * @throws ClientError 404 for a space or household not in the community; 409 when the space is
     *                     taken (naming the contract), when an owner household waits and the
     *                     household is not an owner's, when the space is privately owned, when the
     *                     community has no space_rent tariff in force, or when the resolution does
     *                     not allow the lease; 400 when a lease to a non-owner is longer than
     *                     {@code billing.nonOwnerLeaseMaxMonths}, or a common-area lease to a
     *                     non-owner has no resolution
     */
    Contract sign(UnitOfWork.Tx tx, NewContract contract) throws SQLException;

    /**
     * Renews a contract: a new one for the same space and household from the day the old one
     * ends, at the rent in force then, under the same rules as {@link #sign}.
     *
     * @throws ClientError 404 for no such contract; 409 for a terminated one; as {@link #sign}
     */
    Contract renew(UnitOfWork.Tx tx, String communityId, long contractId, int periods, String createdBy)
            throws SQLException;

    /**
     * Ends a contract early: it covers the days before {@code on}. The refund of the period
     * {@code on} falls in is {@link Proration#refundFen} of it.
     *
     * @throws ClientError 404 for no such contract; 409 when already terminated; 400 when
     *                     {@code on} is not after the first day and before the end
     */
    Contract terminate(UnitOfWork.Tx tx, String communityId, long contractId, LocalDate on) throws SQLException;

    /**
     * Ends a contract early, as {@link #terminate}, and returns what that implies for its money
     * (which {@link TerminationCredits} credits when the period was billed).
     *
     * @throws ClientError as {@link #terminate}
     */
    default Termination terminateProrated(UnitOfWork.Tx tx, String communityId, long contractId, LocalDate on)
            throws SQLException {
        return Termination.of(tx, terminate(tx, communityId, contractId, on));
    }

    /** Returns the contract with this id, of whichever community. */
    Optional<Contract> byId(UnitOfWork.Tx tx, long contractId) throws SQLException;

    /**
     * Returns a page of the community's contracts, newest first, with ids below {@code beforeId}.
     *
     * @param spaceId     only the space's, or null
     * @param householdId only the household's, or null
     * @param activeOn    only those covering the day, or null for all
     */
    List<Contract> list(UnitOfWork.Tx tx, String communityId, Long spaceId, Long householdId, LocalDate activeOn,
            long beforeId, int limit) throws SQLException;

    /** Returns the households' contracts, newest first. */
    List<Contract> ofHouseholds(UnitOfWork.Tx tx, List<Long> householdIds) throws SQLException;

    /** Returns the contract, if it is the community's. */
    Optional<Contract> get(UnitOfWork.Tx tx, String communityId, long contractId) throws SQLException;

    /** Returns the contract that covers the space on the day, if any. */
    Optional<Contract> ofSpaceOn(UnitOfWork.Tx tx, long spaceId, LocalDate day) throws SQLException;

    /** Returns the household's contracts that cover the day. */
    List<Contract> ofHouseholdOn(UnitOfWork.Tx tx, long householdId, LocalDate day) throws SQLException;

    /** Returns the community's contracts that cover any day of {@code [from, until)}, by id. */
    List<Contract> overlapping(UnitOfWork.Tx tx, String communityId, LocalDate from, LocalDate until)
            throws SQLException;

    /**
     * Returns the community's contracts signed (or renewed) at or after {@code since} whose first
     * period starts before {@code before}: those a run made before they existed could not bill.
     */
    List<Contract> signedSince(UnitOfWork.Tx tx, String communityId, Instant since, LocalDate before)
            throws SQLException;

    /**
     * Puts an owner household on the waiting list (again a no-op while it waits).
     *
     * @throws ClientError 404 for a household not in the community; 409 when it has no owner today
     */
    void waitForSpace(UnitOfWork.Tx tx, String communityId, long householdId, LocalDate today) throws SQLException;

    /** Returns the households waiting, first come first. */
    List<Long> waiting(UnitOfWork.Tx tx, String communityId) throws SQLException;
}
