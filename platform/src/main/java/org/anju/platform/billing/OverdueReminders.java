package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.delivery.Notification;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reminders of overdue invoices through the notification outbox ({@value #TOPIC}): on each of the
 * community's reminder days past the due date ({@code reminderDaysPastDue}), once per invoice and
 * step, while something is owed. A step and its notification commit together, and the step's row
 * ({@code invoice_reminders}) makes a second run, or a concurrent one, send nothing again. After a
 * pause the job marks every step reached and notifies only the latest.
 */
public final class OverdueReminders {

    /** The notification topic. */
    public static final String TOPIC = "billing.invoice_overdue";

    private static final Logger LOG = LoggerFactory.getLogger(OverdueReminders.class);

    private final UnitOfWork work;
    private final BillingSettings settings;
    private final PaidAmounts paid;
    private final Outbox outbox;
    private final Clock clock;

    /** @param work the job pool's unit of work */
    public OverdueReminders(UnitOfWork work, BillingSettings settings, PaidAmounts paid, Outbox outbox, Clock clock) {
        this.work = work;
        this.settings = settings;
        this.paid = paid;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Sends the reminders due today in every community, one transaction per community; returns how many. */
    public int run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), settings.zone());
        List<String> communities = work.read("overdue communities", tx -> tx.query("SELECT DISTINCT community_id "
                + "FROM invoices WHERE kind = 'invoice' AND due_on < ? ORDER BY 1", rs -> rs.getString(1),
                Date.valueOf(today)));
        int sent = 0;
        for (String community : communities) {
            sent += work.inTransaction("overdue reminders", tx -> remind(tx, community, today));
        }
        if (sent > 0) {
            LOG.info("overdue invoices reminded [reminders: {}, day: {}]", sent, today);
        }
        return sent;
    }

    private int remind(UnitOfWork.Tx tx, String communityId, LocalDate today) throws SQLException {
        List<Integer> steps = settings.of(tx, communityId).reminderDaysPastDue();
        Arrears.Community arrears = Arrears.of(tx, paid, communityId, today);
        String tenant = Devices.tenantOfCommunity(tx, communityId).orElse(null);
        int sent = 0;
        for (Arrears.Household h : arrears.households()) {
            for (long invoiceId : h.invoiceIds()) {
                Invoice invoice = Invoices.get(tx, invoiceId).orElseThrow();
                long days = ChronoUnit.DAYS.between(invoice.dueOn(), today);
                Integer[] reached = steps.stream().filter(s -> s <= days).toArray(Integer[]::new);
                if (reached.length == 0) {
                    continue;
                }
                List<Integer> added = tx.query("INSERT INTO invoice_reminders (invoice_id, days_past_due) "
                        + "SELECT ?, unnest(?::int[]) ON CONFLICT DO NOTHING RETURNING days_past_due",
                        rs -> rs.getInt(1), invoiceId, tx.connection().createArrayOf("int4", reached));
                int latest = reached[reached.length - 1];
                if (added.contains(latest)) {
                    long owed = Owed.of(tx, paid, List.of(invoiceId)).get(invoiceId).owedFen();
                    outbox.append(tx, new Notification(TOPIC, tenant, communityId, false, payload(invoice, days,
                            latest, owed)));
                    sent++;
                }
            }
        }
        return sent;
    }

    private static ObjectNode payload(Invoice invoice, long daysPastDue, int step, long owedFen) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("invoiceId", invoice.id()).put("communityId", invoice.communityId()).put("householdId", invoice.householdId())
                .put("period", invoice.period().toString().substring(0, 7)).put("dueOn", invoice.dueOn().toString())
                .put("daysPastDue", daysPastDue).put("reminderStep", step).put("totalFen", invoice.totalFen())
                .put("owedFen", owedFen);
        return p;
    }
}
