package org.anju.platform.fund;

import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.estate.Households;
import org.anju.platform.ledger.Account;
import org.anju.platform.ledger.Fen;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.storage.UnitOfWork;

/**
 * The housing maintenance fund of a community: its settings (first deposit per m², the
 * replenishment threshold), each household's account (first deposit, further deposits, shares of
 * expenses) kept on the ledger as the household's {@code maintenance_fund} account, expenses that
 * an approved owners' resolution or an emergency with its alert justifies, and replenishment (续筹)
 * notices through the outbox when a household falls below the threshold, once per crossing.
 * <p>
 * Every change of a community's fund holds the lock of its settings row, so balances read before
 * and after a change are those of that change alone. Every posting has an idempotency key, so a
 * retried request posts nothing twice.
 * <p>
 * Methods block on JDBC: call them from a worker. They fail with {@link ClientError} 400 naming the
 * field, 403/404 ({@link FundAccess}), 409 naming the conflict, and 503 when the database is down.
 */
public final class MaintenanceFund {

    private static final String WHAT = "maintenance fund";

    private final UnitOfWork db;
    private final Ledger ledger;
    private final FundAccess access;
    private final FundEntries entries;
    private final Clock clock;

    public MaintenanceFund(UnitOfWork db, Ledger ledger, Outbox outbox, Clock clock, ZoneId dayZone) {
        this.db = db;
        this.ledger = ledger;
        this.access = new FundAccess(clock, dayZone);
        this.entries = new FundEntries(ledger, outbox);
        this.clock = clock;
    }

    /** Sets the community's first deposit per m² and replenishment threshold (property administrators). */
    public FundViews.Settings putSettings(Principal user, String communityId, JsonObject body, AuditEntry audit) {
        access.requireManager(user, communityId);
        long rate = Fen.parse("field 'firstDepositFenPerM2'", body.getValue("firstDepositFenPerM2"));
        int percent = body.getValue("replenishmentPercent") == null ? FundMath.DEFAULT_REPLENISHMENT_PERCENT
                : FundRequests.percent(body, "replenishmentPercent");
        return db.inTransaction(WHAT, tx -> {
            String tenantId = FundAccess.tenantOf(tx, communityId);
            FundStore.putSettings(tx, communityId, rate, percent, user.username(), clock.instant());
            AuditLog.write(tx, audit.forTenant(tenantId).with("firstDepositFenPerM2", rate)
                    .with("replenishmentPercent", percent));
            return FundStore.settings(tx, communityId).orElseThrow();
        });
    }

    /**
     * Opens the account of every household of the community that has none, with its first deposit
     * (rate × private area, half-up to the fen) paid into the fund; idempotent.
     *
     * @throws ClientError 409 when the community has no fund settings
     */
    public FundViews.FirstDeposits collectFirstDeposits(Principal user, String communityId, AuditEntry audit) {
        access.requireManager(user, communityId);
        return db.inTransaction(WHAT, tx -> {
            String tenantId = FundAccess.tenantOf(tx, communityId);
            FundViews.Settings settings = lockedSettings(tx, communityId);
            int opened = 0;
            long total = 0;
            for (Households.Household household : Households.ofCommunity(tx, communityId)) {
                long area = household.privateAreaM2().movePointRight(2).longValueExact();
                long deposit = FundMath.firstDeposit(settings.firstDepositFenPerM2(), area);
                if (FundStore.openAccount(tx, household.id(), communityId, area, deposit, clock.instant())) {
                    entries.deposit(tx, communityId, household.id(), deposit, "fund:first-deposit:" + household.id(),
                            "maintenance fund first deposit");
                    opened++;
                    total += deposit;
                }
            }
            AuditLog.write(tx, audit.forTenant(tenantId).with("households", opened).with("totalFen", total));
            return new FundViews.FirstDeposits(opened, total);
        });
    }

    /**
     * Pays a further deposit into a household's account ({@code householdId}, {@code amountFen},
     * {@code reference}); the same reference again changes nothing.
     *
     * @throws ClientError 409 when the household has no fund account, or the reference was used for
     *                     another deposit
     */
    public FundViews.Household deposit(Principal user, String communityId, JsonObject body, AuditEntry audit) {
        access.requireManager(user, communityId);
        long householdId = FundRequests.id(body, "householdId");
        long amount = Fen.parse("field 'amountFen'", body.getValue("amountFen"));
        String reference = FundRequests.text(body, "reference", 100);
        if (amount == 0) {
            throw ClientError.badRequest("field 'amountFen' must be positive");
        }
        return db.inTransaction(WHAT, tx -> {
            String tenantId = FundAccess.tenantOf(tx, communityId);
            FundViews.Settings settings = lockedSettings(tx, communityId);
            FundStore.Account account = FundStore.account(tx, householdId)
                    .filter(a -> a.communityId().equals(communityId))
                    .orElseThrow(() -> new ClientError(ClientError.CONFLICT, "household " + householdId
                            + " has no maintenance fund account in community '" + communityId + "'"));
            if (entries.deposit(tx, communityId, householdId, amount, "fund:deposit:" + communityId + ":" + reference,
                    "maintenance fund deposit " + reference)) {
                AuditLog.write(tx, audit.forTenant(tenantId).about("household:" + householdId)
                        .with("amountFen", amount).with("reference", reference));
            }
            return view(tx, account, settings);
        });
    }

    /**
     * Records an expense, shared among the community's fund accounts by area (largest remainder,
     * to the fen), and sends a replenishment notice for each household it takes below the
     * threshold. The same reference again answers the expense recorded first.
     *
     * @throws ClientError 409 when the resolution is not an approved {@code fund_use} one of the
     *                     community, the alert is not of the emergency's kind or community, the fund
     *                     holds less than the expense, or the reference was used for another expense
     */
    public FundViews.Expense recordExpense(Principal user, String communityId, JsonObject body, AuditEntry audit) {
        access.requireManager(user, communityId);
        ExpenseRequest request = ExpenseRequest.parse(body);
        return db.inTransaction(WHAT, tx -> {
            String tenantId = FundAccess.tenantOf(tx, communityId);
            FundViews.Settings settings = lockedSettings(tx, communityId);
            Optional<FundViews.Expense> earlier = FundStore.expense(tx, communityId, request.reference());
            if (earlier.isPresent()) {
                if (!request.sameAs(earlier.get())) {
                    throw new ClientError(ClientError.CONFLICT, "reference '" + request.reference()
                            + "' was used for another expense (" + earlier.get().id() + ")");
                }
                return earlier.get();
            }
            Justification.check(tx, communityId, request);
            List<FundStore.Account> accounts = FundStore.accounts(tx, communityId);
            Map<Long, Long> before = balances(tx, accounts);
            long held = before.values().stream().mapToLong(Long::longValue).sum();
            if (held < request.amountFen()) {
                throw new ClientError(ClientError.CONFLICT, "the maintenance fund of community '" + communityId
                        + "' holds " + held + " fen, less than the expense of " + request.amountFen() + " fen");
            }
            long id = FundStore.insertExpense(tx, communityId, request, user.username(), clock.instant()).orElseThrow();
            List<FundViews.Share> shares = share(accounts, request.amountFen());
            FundStore.insertShares(tx, id, shares);
            entries.expense(tx, communityId, "fund:expense:" + communityId + ":" + request.reference(),
                    "maintenance fund expense " + request.reference() + ": " + request.description(), shares);
            entries.noticesOnCrossing(tx, tenantId, communityId, accounts, before, shares, settings);
            AuditLog.write(tx, audit.forTenant(tenantId).about("fund-expense:" + id)
                    .with("amountFen", request.amountFen()).with("motionId", request.motionId())
                    .with("emergency", request.emergency() == null ? null : request.emergency().wireName())
                    .with("alertId", request.alertId()));
            return FundStore.expense(tx, communityId, request.reference()).orElseThrow();
        });
    }

    /** Returns the community's fund statement (its staff, platform administrators). */
    public FundViews.Statement statement(Principal user, String communityId) {
        access.requireStaff(user, communityId);
        return db.inTransaction(WHAT, tx -> {
            FundAccess.tenantOf(tx, communityId);
            FundViews.Settings settings = FundStore.settings(tx, communityId).orElseThrow(() -> new ClientError(
                    ClientError.NOT_FOUND, "community '" + communityId + "' has no maintenance fund"));
            List<FundViews.Household> households = new ArrayList<>();
            long total = 0;
            for (FundStore.Account account : FundStore.accounts(tx, communityId)) {
                FundViews.Household h = view(tx, account, settings);
                households.add(h);
                total += h.balanceFen();
            }
            return new FundViews.Statement(settings, total, households, FundStore.expenses(tx, communityId));
        });
    }

    /**
     * Returns a household's fund account: to its members, its community's staff and platform
     * administrators; 404 for anyone else's household.
     */
    public FundViews.Household household(Principal user, long householdId) {
        return db.inTransaction(WHAT, tx -> {
            access.requireHousehold(tx, user, householdId);
            FundStore.Account account = FundStore.account(tx, householdId).orElseThrow(() -> ClientError.notFound(
                    "household " + householdId + " has no maintenance fund account"));
            return view(tx, account, FundStore.settings(tx, account.communityId()).orElseThrow());
        });
    }

    /**
     * Allocates common-area income to the fund in the caller's transaction: {@code amountFen} leaves
     * {@code from} (e.g. the community's {@code fund_income} or a revenue account) and is shared among
     * the community's fund accounts by area. The money capability calls this when it allocates the
     * fund's share of common-area space income; the same key again posts nothing.
     *
     * @return the households' shares
     * @throws ClientError 409 when the community has no fund accounts, or the key was used for
     *                     another entry
     */
    public List<FundViews.Share> allocateIncome(UnitOfWork.Tx tx, Account from, long amountFen, String idempotencyKey,
            String description) throws SQLException {
        lockedSettings(tx, from.communityId());
        List<FundStore.Account> accounts = FundStore.accounts(tx, from.communityId());
        List<FundViews.Share> shares = share(accounts, amountFen);
        entries.income(tx, from, idempotencyKey, description, shares);
        return shares;
    }

    /**
     * Takes back common-area income the fund was allocated, in the caller's transaction (a credit
     * note of common-area rent): {@code amountFen} leaves the community's fund accounts by area, as
     * {@link #allocateIncome} shared it, and returns to {@code to}; the same key again posts nothing.
     *
     * @return the households' shares
     * @throws ClientError 409 when the community has no fund accounts
     */
    public List<FundViews.Share> reverseIncome(UnitOfWork.Tx tx, Account to, long amountFen, String idempotencyKey,
            String description) throws SQLException {
        lockedSettings(tx, to.communityId());
        List<FundViews.Share> shares = share(FundStore.accounts(tx, to.communityId()), amountFen);
        entries.incomeReversed(tx, to, idempotencyKey, description, shares);
        return shares;
    }

    private FundViews.Settings lockedSettings(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return FundStore.lockSettings(tx, communityId).orElseThrow(() -> new ClientError(ClientError.CONFLICT,
                "community '" + communityId + "' has no maintenance fund settings (PUT .../fund/settings first)"));
    }

    private static List<FundViews.Share> share(List<FundStore.Account> accounts, long amountFen) {
        if (accounts.isEmpty()) {
            throw new ClientError(ClientError.CONFLICT, "the community has no maintenance fund accounts to share among");
        }
        List<FundViews.Share> shares = new ArrayList<>();
        FundMath.shareByArea(amountFen, accounts.stream().map(a -> new AreaShare(a.householdId(), a.areaCenti())).toList())
                .forEach((household, fen) -> shares.add(new FundViews.Share(household, fen)));
        return shares;
    }

    private Map<Long, Long> balances(UnitOfWork.Tx tx, List<FundStore.Account> accounts) throws SQLException {
        Map<Long, Long> balances = new HashMap<>();
        for (FundStore.Account a : accounts) {
            balances.put(a.householdId(), FundEntries.balance(ledger, tx, a.communityId(), a.householdId()));
        }
        return balances;
    }

    private FundViews.Household view(UnitOfWork.Tx tx, FundStore.Account a, FundViews.Settings settings)
            throws SQLException {
        long balance = FundEntries.balance(ledger, tx, a.communityId(), a.householdId());
        return new FundViews.Household(a.householdId(), a.communityId(), a.firstDepositFen(), balance,
                FundMath.belowThreshold(balance, a.firstDepositFen(), settings.replenishmentPercent()));
    }
}
