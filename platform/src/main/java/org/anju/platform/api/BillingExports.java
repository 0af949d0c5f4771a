package org.anju.platform.api;

import java.time.LocalDate;
import java.util.List;

import org.anju.platform.auth.Principal;
import org.anju.platform.billing.Arrears;
import org.anju.platform.billing.InvoiceView;
import org.anju.platform.billing.Invoices;
import org.anju.platform.billing.Owed;
import org.anju.platform.billing.Revenue;
import org.anju.platform.fund.FundViews;
import org.anju.platform.fund.MaintenanceFund;

/** The CSV exports of a community's money (docs/billing.md "CSV exports"); callers check who may read them. */
final class BillingExports {

    private final BillingServices billing;
    private final MaintenanceFund fund;

    BillingExports(BillingServices billing, MaintenanceFund fund) {
        this.billing = billing;
        this.fund = fund;
    }

    /** Every invoice and credit note of the community, newest first, with what is owed today. */
    String invoices(String community, LocalDate today) {
        List<InvoiceView> views = billing.work().read("invoice export", tx -> Owed.views(tx, billing.paid(),
                Invoices.ofCommunity(tx, community, null, Invoices.Status.ANY, today, Long.MAX_VALUE, Integer.MAX_VALUE),
                today));
        Csv csv = new Csv("id", "kind", "creditsInvoiceId", "householdId", "period", "issuedAt", "dueOn", "status",
                "overdue", "totalFen", "creditedFen", "paidFen", "owedFen", "lines");
        for (InvoiceView v : views) {
            csv.row(v.id(), v.kind(), v.creditsInvoiceId(), v.householdId(), v.period().toString().substring(0, 7),
                    v.issuedAt().toString(), v.dueOn().toString(), v.status(), v.overdue(), v.totalFen(), v.creditedFen(),
                    v.paidFen(), v.owedFen(), String.join("; ", v.lines().stream().map(l -> l.description() + " "
                            + l.amountFen()).toList()));
        }
        return csv.toString();
    }

    /** Each household in arrears with its aging buckets, then the community's totals. */
    String arrears(Arrears.Community a) {
        Csv csv = new Csv("householdId", "upTo30DaysFen", "days31To60Fen", "days61To90Fen", "over90DaysFen", "owedFen",
                "oldestDueOn", "invoices");
        for (Arrears.Household h : a.households()) {
            csv.row(h.householdId(), h.aging().upTo30DaysFen(), h.aging().days31To60Fen(), h.aging().days61To90Fen(),
                    h.aging().over90DaysFen(), h.owedFen(), h.oldestDueOn().toString(), h.invoiceIds().size());
        }
        return csv.row("total", a.totals().upTo30DaysFen(), a.totals().days31To60Fen(), a.totals().days61To90Fen(),
                a.totals().over90DaysFen(), a.owedFen(), null, null).toString();
    }

    /** Revenue rows by month and stream. */
    String revenue(List<Revenue.Row> rows) {
        Csv csv = new Csv("month", "stream", "invoicedFen", "creditedFen", "netFen", "fundFen");
        rows.forEach(r -> csv.row(r.month().toString(), r.stream().wireName(), r.invoicedFen(), r.creditedFen(),
                r.netFen(), r.fundFen()));
        return csv.toString();
    }

    /** The fund statement: each household's account, each expense, the total; the fund decides who may read it. */
    String fund(Principal user, String community) {
        FundViews.Statement s = fund.statement(user, community);
        Csv csv = new Csv("record", "id", "firstDepositFen", "balanceFen", "belowThreshold", "amountFen", "reference",
                "description", "recordedAt");
        for (FundViews.Household h : s.households()) {
            csv.row("household", h.householdId(), h.firstDepositFen(), h.balanceFen(), h.belowThreshold(), null, null,
                    null, null);
        }
        for (FundViews.Expense e : s.expenses()) {
            csv.row("expense", e.id(), null, null, null, e.amountFen(), e.reference(), e.description(),
                    e.recordedAt().toString());
        }
        return csv.row("total", null, null, s.totalFen(), null, null, null, null, null).toString();
    }
}
