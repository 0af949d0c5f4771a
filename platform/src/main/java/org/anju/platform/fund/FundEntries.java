package org.anju.platform.fund;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.platform.Json;
import org.anju.platform.delivery.Notification;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.ledger.Account;
import org.anju.platform.ledger.AccountKind;
import org.anju.platform.ledger.JournalEntry;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.ledger.Posting;
import org.anju.platform.storage.UnitOfWork;

/**
 * The fund's journal entries and notices. A household's share of the fund is its
 * {@code maintenance_fund} account (a liability: credits raise it); money paid in or out goes
 * through the community's {@code bank} account. Shares of 0 fen post nothing.
 */
final class FundEntries {

    /** The topic of a replenishment (续筹) notice. */
    static final String REPLENISHMENT_TOPIC = "fund.replenishment_due";

    private final Ledger ledger;
    private final Outbox outbox;

    FundEntries(Ledger ledger, Outbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /** Returns a household's share of the fund in fen (the account's credit balance). */
    static long balance(Ledger ledger, UnitOfWork.Tx tx, String communityId, long householdId) throws SQLException {
        return -ledger.balance(tx, fund(communityId, householdId));
    }

    /**
     * Posts money paid into a household's account; nothing for 0 fen.
     *
     * @return whether an entry was made now (false for 0 fen and for a replayed key)
     */
    boolean deposit(UnitOfWork.Tx tx, String communityId, long householdId, long fen, String key,
            String description) throws SQLException {
        if (fen == 0) {
            return false;
        }
        return !ledger.post(tx, new JournalEntry(key, communityId, description, List.of(
                Posting.debit(Account.community(communityId, AccountKind.BANK), fen),
                Posting.credit(fund(communityId, householdId), fen)))).replayed();
    }

    /** Posts an expense paid from the bank, charged to the households' accounts by their shares. */
    void expense(UnitOfWork.Tx tx, String communityId, String key, String description, List<FundViews.Share> shares)
            throws SQLException {
        post(tx, Account.community(communityId, AccountKind.BANK), false, key, description, shares);
    }

    /** Posts income taken back from the households' accounts by their shares into {@code to}. */
    void incomeReversed(UnitOfWork.Tx tx, Account to, String key, String description, List<FundViews.Share> shares)
            throws SQLException {
        post(tx, to, false, key, description, shares);
    }

    /** Posts income moved from {@code from} into the households' accounts by their shares. */
    void income(UnitOfWork.Tx tx, Account from, String key, String description, List<FundViews.Share> shares)
            throws SQLException {
        post(tx, from, true, key, description, shares);
    }

    /**
     * Posts the shares on the households' accounts against one counter account: credits to the
     * households when money comes in ({@code in}), debits when it goes out; shares of 0 post nothing.
     */
    private void post(UnitOfWork.Tx tx, Account counter, boolean in, String key, String description,
            List<FundViews.Share> shares) throws SQLException {
        List<Posting> postings = new ArrayList<>();
        long total = 0;
        for (FundViews.Share s : shares) {
            if (s.amountFen() > 0) {
                Account household = fund(counter.communityId(), s.householdId());
                postings.add(in ? Posting.credit(household, s.amountFen()) : Posting.debit(household, s.amountFen()));
                total += s.amountFen();
            }
        }
        postings.add(in ? Posting.debit(counter, total) : Posting.credit(counter, total));
        ledger.post(tx, new JournalEntry(key, counter.communityId(), description, postings));
    }

    /** Appends a replenishment notice for each household the shares took below the threshold. */
    void noticesOnCrossing(UnitOfWork.Tx tx, String tenantId, String communityId, List<FundStore.Account> accounts,
            Map<Long, Long> before, List<FundViews.Share> shares, FundViews.Settings settings) throws SQLException {
        Map<Long, Long> shareOf = new java.util.HashMap<>();
        shares.forEach(s -> shareOf.put(s.householdId(), s.amountFen()));
        for (FundStore.Account a : accounts) {
            long was = before.get(a.householdId());
            long now = was - shareOf.getOrDefault(a.householdId(), 0L);
            if (FundMath.crossedBelow(was, now, a.firstDepositFen(), settings.replenishmentPercent())) {
                ObjectNode payload = Json.MAPPER.createObjectNode().put("householdId", a.householdId())
                        .put("communityId", communityId).put("balanceFen", now)
                        .put("firstDepositFen", a.firstDepositFen())
                        .put("replenishmentPercent", settings.replenishmentPercent());
                outbox.append(tx, new Notification(REPLENISHMENT_TOPIC, tenantId, communityId, false, payload));
            }
        }
    }

    private static Account fund(String communityId, long householdId) {
        return Account.household(communityId, AccountKind.MAINTENANCE_FUND, householdId);
    }
}
