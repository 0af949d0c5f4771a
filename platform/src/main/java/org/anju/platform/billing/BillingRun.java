package org.anju.platform.billing;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.estate.Households;
import org.anju.platform.estate.ParkingSpaces;
import org.anju.platform.ledger.Account;
import org.anju.platform.ledger.AccountKind;
import org.anju.platform.ledger.Fen;
import org.anju.platform.ledger.JournalEntry;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.ledger.Posting;
import org.anju.platform.storage.UnitOfWork;

/** One community's monthly run, in one transaction: collect the lines, issue the invoices, post them. */
final class BillingRun implements BillingRuns {

    private static final Logger LOG = LoggerFactory.getLogger(BillingRun.class);
    // an item settled by a transaction that began before an early run and committed after it carries an
    // instant before the run's: an hour covers any such transaction (statement timeouts are minutes)
    private static final Duration CATCH_UP_MARGIN = Duration.ofHours(1);

    private final UnitOfWork work;
    private final Tariffs tariffs;
    private final Contracts contracts;
    private final Ledger ledger;
    private final List<BillableSource> sources;
    private final BillingSettings settings;
    private final Clock clock;
    private final FundIncome fund;

    BillingRun(UnitOfWork work, Tariffs tariffs, Contracts contracts, Ledger ledger, List<BillableSource> sources,
            BillingSettings settings, Clock clock, FundIncome fund) {
        this.work = work;
        this.tariffs = tariffs;
        this.contracts = contracts;
        this.ledger = ledger;
        this.sources = List.copyOf(sources);
        this.settings = settings;
        this.clock = clock;
        this.fund = fund;
    }

    @Override
    public RunResult run(String communityId, YearMonth period) {
        return run(communityId, period, Optional.empty());
    }

    @Override
    public RunResult run(String communityId, YearMonth period, AuditEntry audit) {
        return run(communityId, period, Optional.of(audit));
    }

    private RunResult run(String communityId, YearMonth period, Optional<AuditEntry> audit) {
        RunResult result = work.inTransaction("billing run", tx -> {
            InvoiceStore.lockRun(tx, communityId, period);
            Optional<RunResult> earlier = InvoiceStore.earlierRun(tx, communityId, period);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            RunResult billed = bill(tx, communityId, period);
            if (audit.isPresent()) {
                AuditLog.write(tx, audit.get().about("billing-run:" + communityId + ":" + period)
                        .with("communityId", communityId).with("invoices", billed.invoices())
                        .with("totalFen", billed.totalFen()));
            }
            return billed;
        });
        LOG.info("billing run [community: {}, period: {}, invoices: {}, total: {} fen, already run: {}]", communityId,
                period, result.invoices(), result.totalFen(), result.alreadyRun());
        return result;
    }

    @Override
    public List<Invoice> invoices(UnitOfWork.Tx tx, String communityId, YearMonth period) throws SQLException {
        return InvoiceStore.ofPeriod(tx, communityId, period);
    }

    private RunResult bill(UnitOfWork.Tx tx, String communityId, YearMonth period) throws SQLException {
        BillingSettings settings = this.settings.of(tx, communityId);
        LocalDate first = period.atDay(1);
        LocalDate end = period.plusMonths(1).atDay(1);
        Instant from = first.atStartOfDay(settings.zone()).toInstant();
        Instant to = end.atStartOfDay(settings.zone()).toInstant();
        RunPhases phases = new RunPhases();
        RunLines lines = RunLines.collect(tx);
        Optional<Instant> previousRun = InvoiceStore.runMadeAt(tx, communityId, period.minusMonths(1));
        rent(tx, communityId, first, end, lines);
        if (previousRun.isPresent()) {
            lateRent(tx, communityId, previousRun.get().minus(CATCH_UP_MARGIN), first, lines);
        }
        phases.done("rent");
        propertyFees(tx, communityId, period, from, lines);
        phases.done("property fees");
        Instant settledFrom = settledFrom(previousRun, from);
        for (BillableSource source : sources) {
            if (source.bySettlement() && settledFrom.isBefore(from)) {
                // what the previous run saw of its window is billed: left out here, so that the lines
                // still go straight in (a line billed before would send the whole run the staged way)
                List<BillableItem> caughtUp = source.items(tx, communityId, settledFrom, from);
                Set<String> billed = InvoiceStore.billedOf(tx, caughtUp.stream()
                        .map(i -> new InvoiceStore.Billed(i.stream(), i.sourceId())).toList());
                for (BillableItem item : caughtUp) {
                    if (!billed.contains(item.stream().wireName() + ":" + item.sourceId())) {
                        add(lines, item);
                    }
                }
            }
            for (BillableItem item : source.items(tx, communityId, from, to)) {
                add(lines, item);
            }
            phases.done("source " + source);
        }
        Instant issuedAt = clock.instant();
        LocalDate dueOn = issuedAt.atZone(settings.zone()).toLocalDate().plusDays(settings.invoiceDueDays());
        List<RunLines.Issued> issued = lines.issue(communityId, first, issuedAt, dueOn, phases);
        long total = issued.stream().mapToLong(RunLines.Issued::totalFen).sum();
        long fundFen = issued.stream().mapToLong(RunLines.Issued::fundFen).sum();
        if (!issued.isEmpty()) {
            ledger.postAll(tx, List.of(entry(communityId, period, issued)));
        }
        phases.done("post");
        if (fundFen > 0) {
            fund.allocate(tx, Account.community(communityId, AccountKind.FUND_INCOME), fundFen,
                    "fund:income:" + communityId + ":" + period, "common-area rent share " + period);
        }
        int invoices = issued.size();
        phases.done("fund");
        InvoiceStore.recordRun(tx, communityId, first, issuedAt, invoices, total);
        LOG.debug("billing run phases [community: {}, period: {}, ms: {}]", communityId, period, phases);
        return new RunResult(communityId, period, invoices, total, false);
    }

    private static void add(RunLines lines, BillableItem item) {
        lines.add(item.householdId(), new InvoiceLine(item.stream(), item.sourceId(), item.description(),
                item.amountFen(), 0));
    }

    /**
     * Where the sources that report by settlement start: the month's first instant, or earlier when the
     * previous month's run was made before this month began (or less than {@link #CATCH_UP_MARGIN}
     * after): what was settled after that run, and what a settling transaction that began before it
     * committed after it, is in no run's window. This run asks for it from the earlier run's instant
     * less the margin (however early that run was: a month may be billed ahead with the one before).
     */
    static Instant settledFrom(Optional<Instant> previousRun, Instant from) {
        if (previousRun.isEmpty()) {
            return from;
        }
        Instant caughtUp = previousRun.get().minus(CATCH_UP_MARGIN);
        return caughtUp.isBefore(from) ? caughtUp : from;
    }

    /** Each contract period starting in the month is billed in advance, prorated when the contract ends within it. */
    private void rent(UnitOfWork.Tx tx, String communityId, LocalDate first, LocalDate end,
            RunLines lines) throws SQLException {
        List<Contract> active = contracts.overlapping(tx, communityId, first, end);
        if (active.isEmpty()) {
            return;
        }
        RentLines rent = new RentLines(tx, communityId, settings);
        for (Contract c : active) {
            for (int i = 0; ; i++) {
                LocalDate start = Proration.periodStart(c.startsOn(), c.term(), i);
                if (!start.isBefore(end) || !start.isBefore(c.coveredUntil())) {
                    break;
                }
                if (!start.isBefore(first)) {
                    rent.line(c, i).ifPresent(line -> lines.add(c.householdId(), line));
                }
            }
        }
    }

    /**
     * The periods before the month of contracts signed after the previous month's run (less the
     * margin): a contract signed on the 10th to start on the 15th, after the run of the 1st, or
     * backdated, has periods that started in months already run, which no run billed. They go with
     * this run, less what a run billed already (a contract signed within the margin before it), so
     * that the lines still go straight in.
     */
    private void lateRent(UnitOfWork.Tx tx, String communityId, Instant signedSince, LocalDate first, RunLines lines)
            throws SQLException {
        List<Contract> late = contracts.signedSince(tx, communityId, signedSince, first);
        if (late.isEmpty()) {
            return;
        }
        RentLines rent = new RentLines(tx, communityId, settings);
        List<Map.Entry<Long, InvoiceLine>> candidates = new ArrayList<>();
        for (Contract c : late) {
            for (int i = 0; ; i++) {
                LocalDate start = Proration.periodStart(c.startsOn(), c.term(), i);
                if (!start.isBefore(first) || !start.isBefore(c.coveredUntil())) {
                    break;
                }
                rent.line(c, i).ifPresent(line -> candidates.add(Map.entry(c.householdId(), line)));
            }
        }
        Set<String> billed = InvoiceStore.billedOf(tx, candidates.stream()
                .map(e -> new InvoiceStore.Billed(Stream.RENT, e.getValue().sourceId())).toList());
        for (Map.Entry<Long, InvoiceLine> candidate : candidates) {
            if (!billed.contains(Stream.RENT.wireName() + ":" + candidate.getValue().sourceId())) {
                lines.add(candidate.getKey(), candidate.getValue());
            }
        }
    }

    private void propertyFees(UnitOfWork.Tx tx, String communityId, YearMonth period, Instant from,
            RunLines lines) throws SQLException {
        Optional<Tariff.PropertyFee> fee = tariffs.tariffAt(tx, communityId, Tariff.PropertyFee.class, from);
        if (fee.isEmpty()) {
            return;
        }
        for (Households.Household h : Households.ofCommunity(tx, communityId)) {
            BigDecimal area = h.privateAreaM2();
            long amount = fee.get().monthFen(area);
            if (amount > 0) {
                lines.add(h.id(), new InvoiceLine(Stream.PROPERTY_FEE, "property_fee:" + h.id() + ":" + period,
                        "property fee " + period + ": " + area.toPlainString() + " m² × "
                                + fee.get().perSquareMetreMonthFen() + " fen", amount, 0));
            }
        }
    }

    /** Returns the source id of the rent of the contract's {@code index}-th period. */
    static String rentSource(Contract c, int index) {
        return "contract:" + c.id() + ":" + index;
    }

    /**
     * The run's journal entry: each household's receivable debited by its invoice's total, each stream's
     * revenue credited by what its lines bill (net of the fund's share), fund income by the fund's share.
     * One entry for the run, as a sales journal posts a billing batch: 100,000 receivable postings and a
     * handful of credits instead of an entry and four to six postings per invoice. A household has one
     * invoice per run, so its posting is its invoice's total ({@link #entryKey}).
     */
    private static JournalEntry entry(String community, YearMonth period, List<RunLines.Issued> invoices) {
        Map<AccountKind, Long> credits = new EnumMap<>(AccountKind.class);
        List<Posting> postings = new ArrayList<>(invoices.size() + Stream.values().length + 1);
        for (RunLines.Issued invoice : invoices) {
            postings.add(Posting.debit(Account.household(community, AccountKind.RECEIVABLE, invoice.householdId()),
                    invoice.totalFen()));
            invoice.revenueFen().forEach((stream, fen) -> credits.merge(stream.revenue(), fen, Long::sum));
            credits.merge(AccountKind.FUND_INCOME, invoice.fundFen(), Long::sum);
        }
        credits.forEach((kind, fen) -> {
            if (fen > 0) {
                postings.add(Posting.credit(Account.community(community, kind), fen));
            }
        });
        return new JournalEntry(entryKey(community, period), community, "billing run " + period + ": "
                + invoices.size() + " invoices, each household's receivable by its invoice's total", postings);
    }

    /** Returns the idempotency key of the journal entry of a community's run of a month. */
    static String entryKey(String communityId, YearMonth period) {
        return "billing-run:" + communityId + ":" + period;
    }
}
