package org.anju.platform.parcels;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.json.JsonObject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.billing.StoredTariff;
import org.anju.platform.billing.Tariff;
import org.anju.platform.billing.TariffKind;
import org.anju.platform.billing.Tariffs;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.history.EventCursor;
import org.anju.platform.storage.history.EventRecord;

/**
 * Derives parcels from the stored parcel locker events, incrementally and exactly once
 * ({@link EventCursor} over {@code parcel_cursor}), in event order: a deposit makes a parcel
 * waiting for the household whose resident registered the waybill's phone (unmatched, for the
 * property, when none did or the deposit names no phone), with the free period and fee of the
 * community's own {@code parcel_overdue} tariff in force then (without one storage is free: the
 * platform default's free hours, no fee); {@code overdue} marks it overdue; a pickup ends it, with
 * its fee. A deposit repeated with the
 * same time is one parcel; a pickup or overdue of a compartment that holds no parcel is logged and
 * skipped (the event itself stays stored). Blocks on JDBC: run it on a job thread.
 */
public final class ParcelDerivation {

    private static final Logger LOG = LoggerFactory.getLogger(ParcelDerivation.class);
    private static final EventCursor CURSOR = new EventCursor("parcel_cursor", List.of("deposit", "pickup", "overdue"));
    /** Events per transaction: lockers send a few events per parcel, so a batch is thousands of parcels. */
    static final int BATCH_EVENTS = 5_000;
    /** How often the job runs. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);
    // DOMAIN.md's free period, when neither the community nor the platform configures one
    private static final int DEFAULT_FREE_HOURS = 24;

    private final UnitOfWork work;
    private final Tariffs tariffs;
    private final ZoneId zone;
    private final Clock clock;

    /** What a run did: events read, parcels deposited, picked up, events that matched no parcel. */
    public record Run(long events, long deposited, long pickedUp, long skipped) {

        Run plus(Run o) {
            return new Run(events + o.events, deposited + o.deposited, pickedUp + o.pickedUp, skipped + o.skipped);
        }
    }

    /**
     * @param zone  the zone of the day on which a recipient's household membership is judged
     * @param clock when a pickup's fee is settled (the billing runs bill it by that instant, as they
     *              bill visits and charging sessions by theirs, not by the locker's clock)
     */
    public ParcelDerivation(UnitOfWork work, Tariffs tariffs, ZoneId zone, Clock clock) {
        this.work = work;
        this.tariffs = tariffs;
        this.zone = zone;
        this.clock = clock;
    }

    /** Derives everything stored so far, batch by batch. */
    public Run runOnce() {
        Run total = CURSOR.drain(work, "parcel notices", BATCH_EVENTS, this::batch, new Run(0, 0, 0, 0), Run::plus);
        if (total.events() > 0) {
            LOG.info("parcels derived [events: {}, deposited: {}, picked up: {}, skipped: {}]", total.events(),
                    total.deposited(), total.pickedUp(), total.skipped());
        }
        return total;
    }

    private Run batch(UnitOfWork.Tx tx, List<EventRecord> records) throws SQLException {
        Map<String, Devices.Place> places = Devices.places(tx, records.stream().map(EventRecord::deviceId).distinct()
                .toList());
        Run run = new Run(records.size(), 0, 0, 0);
        Instant settled = clock.instant();
        for (EventRecord r : records) {
            Devices.Place place = places.get(r.deviceId());
            if (place == null || !"parcel_locker".equals(place.type())) {
                continue;
            }
            JsonObject payload = new JsonObject(r.payload());
            boolean done = switch (r.kind()) {
                case "deposit" -> deposit(tx, place.communityId(), r, payload, settled);
                case "pickup" -> ParcelStore.pickUp(tx, r.deviceId(), payload.getString("compartment"), r.ts(), r.id(),
                        settled);
                default -> ParcelStore.markOverdue(tx, r.deviceId(), payload.getString("compartment"), r.ts());
            };
            if (!done && !r.kind().equals("deposit")) {
                LOG.warn("parcel locker event matches no parcel, skipped [device: {}, kind: {}, compartment: {}, event: {}]",
                        r.deviceId(), r.kind(), payload.getString("compartment"), r.id());
            }
            run = run.plus(new Run(0, done && r.kind().equals("deposit") ? 1 : 0,
                    done && r.kind().equals("pickup") ? 1 : 0, done ? 0 : 1));
        }
        return run;
    }

    /** Records a deposit; false for a repeated one. */
    private boolean deposit(UnitOfWork.Tx tx, String communityId, EventRecord r, JsonObject payload, Instant settled)
            throws SQLException {
        String compartment = payload.getString("compartment");
        Optional<Instant> waitingSince = ParcelStore.waitingSince(tx, r.deviceId(), compartment);
        if (waitingSince.isPresent() && waitingSince.get().equals(r.ts())) {
            LOG.debug("repeated deposit, kept once [device: {}, compartment: {}, event: {}]", r.deviceId(), compartment,
                    r.id());
            return false;
        }
        if (waitingSince.isPresent()) {
            // the locker re-used the compartment: the earlier parcel left without its pickup event
            LOG.info("compartment re-used before its parcel's pickup, closing that parcel [device: {}, compartment: {}]",
                    r.deviceId(), compartment);
            ParcelStore.pickUp(tx, r.deviceId(), compartment, r.ts(), null, settled);
        }
        String recipient = payload.getString("recipientPhone");
        Long household = recipient == null ? null : ParcelRecipients.householdOf(tx, communityId, recipient,
                LocalDate.ofInstant(r.ts(), zone)).orElse(null);
        Tariff.ParcelOverdue fee = feeAt(tx, communityId, r.ts());
        return ParcelStore.insert(tx, new ParcelStore.Deposit(communityId, r.deviceId(), compartment, r.id(), r.ts(),
                payload.getString("courier"), payload.getString("trackingNumber"), payload.getString("pickupCode"),
                recipient, household, fee));
    }

    /**
     * The community's own parcel_overdue tariff in force at the instant; without one no fee is
     * charged (the default: a property bills parcels only once it sets its tariff), and the free
     * period is the platform default's.
     */
    private Tariff.ParcelOverdue feeAt(UnitOfWork.Tx tx, String communityId, Instant at) throws SQLException {
        Optional<StoredTariff> own = tariffs.storedAt(tx, communityId, TariffKind.PARCEL_OVERDUE, at);
        if (own.isPresent()) {
            return (Tariff.ParcelOverdue) own.get().tariff();
        }
        int freeHours = tariffs.tariffAt(tx, communityId, Tariff.ParcelOverdue.class, at)
                .map(Tariff.ParcelOverdue::freeHours).orElse(DEFAULT_FREE_HOURS);
        return new Tariff.ParcelOverdue(freeHours, 1, 0, 0);
    }
}
