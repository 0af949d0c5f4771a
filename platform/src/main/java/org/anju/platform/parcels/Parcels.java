package org.anju.platform.parcels;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.billing.BillableItem;
import org.anju.platform.billing.BillableSource;
import org.anju.platform.billing.Stream;
import org.anju.platform.estate.Households;
import org.anju.platform.privacy.EventSecrets;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Parcel notices (docs/parcels.md): a resident's parcels with their pickup codes, the number the
 * resident receives parcels at, a community's parcels for staff (never with codes), and the
 * overdue fees of picked-up parcels as a billing run's items (stream {@code parcel}, source id
 * {@code parcel:<id>}). Methods without a transaction
 * block on JDBC: call them from a worker.
 */
public final class Parcels implements BillableSource {

    /** How long a picked-up parcel stays in a resident's list. */
    static final Duration RECENT = Duration.ofDays(30);
    private static final int RESIDENT_MAX = 100;
    // the event field the pickup code was sealed under: the cipher is bound to it
    private static final String CODE_FIELD = "pickupCode";
    private static final String COLUMNS = "p.id, p.community_id, p.household_id, p.device_id, p.compartment, p.courier, "
            + "p.tracking_number, p.deposited_at, p.free_until, p.state, p.picked_up_at, p.fee_fen, p.period_hours, "
            + "p.fee_per_period_fen, p.cap_fen, p.pickup_code";

    private final UnitOfWork work;
    private final EventSecrets secrets;
    private final ParcelRecipients recipients;

    /** A resident's parcels and the last four digits of the number they receive them at (null: none registered). */
    public record Mine(String phoneLast4, List<ParcelView> items) {
    }

    /** @param work a unit of work of the interactive class */
    public Parcels(UnitOfWork work, EventSecrets secrets) {
        this.work = work;
        this.secrets = secrets;
        this.recipients = new ParcelRecipients(secrets);
    }

    /** Returns the parcels of the households the resident belongs to on {@code day}: those in the locker, and those picked up in the last 30 days. */
    public Mine ofResident(String username, LocalDate day, Instant now) {
        return work.read("parcels", tx -> {
            List<Long> households = Households.ofUser(tx, username, day).stream().map(m -> m.household().id()).toList();
            List<Row> rows = tx.query("SELECT " + COLUMNS + " FROM parcels p WHERE p.household_id = ANY (?) "
                    + "AND (p.state <> 'picked_up' OR p.picked_up_at >= ?) ORDER BY p.id DESC LIMIT ?", Parcels::row,
                    Sql.array(tx.connection(), "int8", households), now.minus(RECENT), RESIDENT_MAX);
            return new Mine(ParcelRecipients.last4(tx, username).orElse(null), views(tx, rows, now, true));
        });
    }

    /**
     * Returns one parcel of the households the resident belongs to on {@code day}, with its code
     * while it is in the locker.
     *
     * @throws ClientError 404 when there is no such parcel or it is another household's (the two look alike)
     */
    public ParcelView ofResident(String username, LocalDate day, long parcelId, Instant now) {
        return work.read("parcels", tx -> {
            List<Long> households = Households.ofUser(tx, username, day).stream().map(m -> m.household().id()).toList();
            List<Row> rows = tx.query("SELECT " + COLUMNS + " FROM parcels p WHERE p.id = ? AND p.household_id = ANY (?)",
                    Parcels::row, parcelId, Sql.array(tx.connection(), "int8", households));
            if (rows.isEmpty()) {
                throw ClientError.notFound("no parcel " + parcelId + " of your household");
            }
            return views(tx, rows, now, true).getFirst();
        });
    }

    /**
     * Registers the number the resident receives parcels at (its keyed hash, never the number) and
     * gives the resident's households the unmatched parcels still in their lockers that name it.
     *
     * @throws ClientError 400 when it is not a mainland mobile number
     */
    public Mine registerPhone(String username, String phone, LocalDate day, Instant now) {
        String normal = MobileNumber.normalise("phone", phone);
        work.inTransaction("parcel recipients", tx -> {
            String hash = recipients.register(tx, username, normal);
            for (Households.Membership m : Households.ofUser(tx, username, day)) {
                tx.update("UPDATE parcels SET household_id = ? WHERE household_id IS NULL AND recipient_hash = ? "
                        + "AND community_id = ? AND state <> 'picked_up'", m.household().id(), hash,
                        m.household().communityId());
            }
            return null;
        });
        return ofResident(username, day, now);
    }

    /**
     * Returns a page of the community's parcels deposited in the range: all, or those {@code waiting},
     * {@code overdue} (the locker said so, or past the free period), {@code unmatched} (in the locker,
     * no household), {@code picked_up}.
     */
    public Page<ParcelView> ofCommunity(String communityId, String filter, ListRequest page, Instant now) {
        String where = switch (filter) {
            case "waiting" -> " AND p.state = 'waiting' AND p.free_until >= ?";
            case "overdue" -> " AND p.state <> 'picked_up' AND (p.state = 'overdue' OR p.free_until < ?)";
            case "unmatched" -> " AND p.state <> 'picked_up' AND p.household_id IS NULL AND ?::timestamptz IS NOT NULL";
            case "picked_up" -> " AND p.state = 'picked_up' AND ?::timestamptz IS NOT NULL";
            default -> " AND ?::timestamptz IS NOT NULL";
        };
        return work.read("parcels", tx -> {
            List<Row> rows = tx.query("SELECT " + COLUMNS + " FROM parcels p WHERE p.community_id = ?" + where
                    + " AND p.deposited_at >= ? AND p.deposited_at < ? AND p.id < ? ORDER BY p.id DESC LIMIT ?",
                    Parcels::row, communityId, now, page.from(), page.to(), page.afterId(), page.fetchSize());
            return page.page(views(tx, rows, now, false), v -> new Object[] {v.id()});
        });
    }

    @Override
    public List<BillableItem> items(UnitOfWork.Tx tx, String communityId, Instant from, Instant to) throws SQLException {
        // by when the platform settled the fee, not by the locker's clock: a pickup reported late
        // (a locker offline for a day) is still in the window of the run after it
        return tx.query("SELECT p.id, p.household_id, p.fee_fen, p.device_id, p.compartment, p.deposited_at, "
                + "p.picked_up_at, p.fee_settled_at FROM parcels p WHERE p.community_id = ? AND p.fee_fen > 0 "
                + "AND p.household_id IS NOT NULL AND p.fee_settled_at >= ? AND p.fee_settled_at < ? ORDER BY p.id",
                rs -> new BillableItem(Stream.PARCEL, "parcel:" + rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        "parcel storage past the free period, " + rs.getString(4) + " " + rs.getString(5) + ", "
                                + Sql.instant(rs, "deposited_at") + " – " + Sql.instant(rs, "picked_up_at"),
                        Sql.instant(rs, "fee_settled_at")), communityId, from, to);
    }

    private record Row(long id, String communityId, Long householdId, String deviceId, String compartment,
            String courier, String trackingNumber, Instant depositedAt, Instant freeUntil, String state,
            Instant pickedUpAt, Long feeFen, int periodHours, long feePerPeriodFen, long capFen, String sealedCode) {
    }

    private List<ParcelView> views(UnitOfWork.Tx tx, List<Row> rows, Instant now, boolean resident) throws SQLException {
        Map<String, Devices.Place> places = Devices.places(tx, rows.stream().map(Row::deviceId).distinct().toList());
        List<ParcelView> views = new ArrayList<>(rows.size());
        for (Row r : rows) {
            boolean inLocker = !r.state().equals("picked_up");
            long fee = inLocker ? ParcelStore.feeFen(r.freeUntil(), now, r.periodHours(), r.feePerPeriodFen(), r.capFen())
                    : Optional.ofNullable(r.feeFen()).orElse(0L);
            Devices.Place place = places.get(r.deviceId());
            ParcelView.Location location = place == null ? null : new ParcelView.Location(place.location(),
                    place.building(), place.floor(), place.community(), place.communityAddress());
            views.add(new ParcelView(r.id(), r.communityId(), r.householdId(), r.deviceId(), r.compartment(), location,
                    r.courier(), resident ? null : r.trackingNumber(), r.depositedAt(), r.freeUntil(), r.state(),
                    inLocker && (r.state().equals("overdue") || now.isAfter(r.freeUntil())), r.pickedUpAt(), fee,
                    resident && inLocker ? secrets.open(CODE_FIELD, r.sealedCode()) : null));
        }
        return views;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), Sql.instant(rs, "deposited_at"), Sql.instant(rs, "free_until"),
                rs.getString(10), Sql.instant(rs, "picked_up_at"), rs.getObject(12, Long.class), rs.getInt(13),
                rs.getLong(14), rs.getLong(15), rs.getString(16));
    }
}
