package org.anju.platform.charging;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.history.EventCursor;
import org.anju.platform.storage.history.EventRecord;
import org.anju.platform.storage.history.SeriesRanges;

/**
 * Derives charging sessions from the stored {@code session_started} and {@code session_stopped}
 * events, incrementally and exactly once ({@link EventCursor} over {@code charging_cursor}): each batch of events after the cursor is paired per
 * connector ({@link SessionAssembly}), each stopped session priced from its meter values
 * ({@link TouSplit}) and charged to the household of its id tag, and all of it written in one
 * transaction together with the cursor's new position. A session whose meter went backwards, that
 * has no stop within the limit, whose tag bills no household, or with no tariff goes to review.
 * Blocks on JDBC: run it on a job thread.
 */
public final class ChargingDerivation {

    private static final Logger LOG = LoggerFactory.getLogger(ChargingDerivation.class);
    private static final EventCursor CURSOR = new EventCursor("charging_cursor",
            List.of("session_started", "session_stopped"));

    private final UnitOfWork work;
    private final ChargingSettings settings;
    private final TouTariffSource tariffs;
    private final IdTagHouseholds tags;
    private final TouSplit split;

    /** What a run derived: events read, sessions priced, sessions sent to review. */
    public record Run(long events, long priced, long reviews) {

        Run plus(Run other) {
            return new Run(events + other.events, priced + other.priced, reviews + other.reviews);
        }
    }

    public ChargingDerivation(UnitOfWork work, ChargingSettings settings, TouTariffSource tariffs, IdTagHouseholds tags) {
        this.work = work;
        this.settings = settings;
        this.tariffs = tariffs;
        this.tags = tags;
        this.split = new TouSplit(settings.zone());
    }

    /** Derives everything stored so far, batch by batch; {@code now} decides which sessions waited too long for their stop. */
    public Run runOnce(Instant now) {
        Run total = CURSOR.drain(work, "charging sessions", settings.batchEvents(),
                (tx, records) -> batch(tx, records, now), new Run(0, 0, 0), Run::plus);
        if (total.events() > 0 || total.reviews() > 0) {
            LOG.info("charging sessions derived [events: {}, priced: {}, reviews: {}]", total.events(), total.priced(),
                    total.reviews());
        }
        return total;
    }

    private Run batch(UnitOfWork.Tx tx, List<EventRecord> records, Instant now) throws SQLException {
        Map<String, Devices.Place> places = Devices.places(tx, records.stream().map(EventRecord::deviceId).distinct().toList());
        List<SessionEvent> events = new ArrayList<>(records.size());
        for (EventRecord r : records) {
            Devices.Place place = places.get(r.deviceId());
            if (place != null) {
                events.add(SessionEvent.of(r, place.communityId()));
            }
        }
        Instant expiredAt = EventCursor.horizon(records, settings.batchEvents(), now)
                .minus(settings.openSessionLimit());
        List<SessionDraft> open = ChargingStore.open(tx, events.stream().map(SessionEvent::deviceId).toList(),
                events.stream().map(SessionEvent::connectorId).toList(), expiredAt);
        List<SessionDraft> changed = SessionAssembly.assemble(open, events, expiredAt);
        price(tx, changed.stream().filter(SessionDraft::stopped).toList());
        ChargingStore.write(tx, changed);
        long priced = changed.stream().filter(s -> s.state.equals(SessionDraft.PRICED)).count();
        long reviews = changed.stream().filter(s -> s.state.equals(SessionDraft.REVIEW)).count();
        return new Run(records.size(), priced, reviews);
    }

    /** Splits and prices the stopped sessions, reading all their meter values in one statement. */
    private void price(UnitOfWork.Tx tx, List<SessionDraft> stopped) throws SQLException {
        List<SeriesRanges.Range> ranges = stopped.stream().map(s -> new SeriesRanges.Range(s.deviceId,
                "connector." + s.connectorId + ".Energy.Active.Import.Register", s.startedAt, s.stoppedAt)).toList();
        List<List<SeriesRanges.Point>> points = SeriesRanges.points(tx, ranges);
        Map<String, Map<String, Long>> households = households(tx, stopped);
        for (int i = 0; i < stopped.size(); i++) {
            SessionDraft s = stopped.get(i);
            List<MeterReading> readings = new ArrayList<>();
            readings.add(MeterReading.of(s.startedAt, s.meterStartWh));
            for (SeriesRanges.Point p : points.get(i)) {
                if (p.ts().isAfter(s.startedAt) && p.ts().isBefore(s.stoppedAt)) {
                    readings.add(new MeterReading(p.ts(), BigDecimal.valueOf(p.value())));
                }
            }
            readings.add(MeterReading.of(s.stoppedAt, s.meterStopWh));
            if (s.meterStopWh < s.meterStartWh || TouSplit.meterWentBackwards(readings)) {
                s.review("meter_backwards");
                continue;
            }
            try {
                s.lines = split.split(s.startedAt, s.stoppedAt, readings,
                        tariffs.tariffs(tx, s.communityId, s.startedAt, s.stoppedAt));
            } catch (IllegalArgumentException e) {
                s.review("no_tariff");
                continue;
            }
            s.energyWh = BigDecimal.valueOf(s.meterStopWh - s.meterStartWh);
            s.amountFen = s.lines.stream().mapToLong(TierLine::costFen).sum();
            s.householdId = s.idTagHash == null ? null : households.get(s.communityId).get(s.idTagHash);
            if (s.householdId == null) {
                s.review("unknown_id_tag");
            } else {
                s.state = SessionDraft.PRICED;
            }
        }
    }

    private Map<String, Map<String, Long>> households(UnitOfWork.Tx tx, List<SessionDraft> sessions) throws SQLException {
        Map<String, List<String>> hashes = new HashMap<>();
        sessions.forEach(s -> hashes.computeIfAbsent(s.communityId, c -> new ArrayList<>())
                .add(s.idTagHash == null ? "" : s.idTagHash));
        Map<String, Map<String, Long>> households = new HashMap<>();
        for (Map.Entry<String, List<String>> community : hashes.entrySet()) {
            households.put(community.getKey(), tags.householdsOf(tx, community.getKey(), community.getValue()));
        }
        return households;
    }
}
