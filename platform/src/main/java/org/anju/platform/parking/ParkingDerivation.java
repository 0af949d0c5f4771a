package org.anju.platform.parking;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.billing.settings.BillingSettingsStore;
import org.anju.platform.estate.ParkingSpaces;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.history.EventCursor;
import org.anju.platform.storage.history.EventRecord;

/**
 * Derives visits and review items from the stored {@code plate_read} events, incrementally and
 * exactly once ({@link EventCursor} over {@code parking_cursor}): each batch of reads after the
 * cursor is paired ({@link PlatePairing}), priced and written in one transaction together with the
 * cursor's new position. Blocks on JDBC: run it on a job thread.
 */
public final class ParkingDerivation {

    private static final Logger LOG = LoggerFactory.getLogger(ParkingDerivation.class);
    private static final EventCursor CURSOR = new EventCursor("parking_cursor", List.of("plate_read"));

    private final UnitOfWork work;
    private final ParkingSettings settings;
    private final VisitPricing pricing;

    /** What a run derived. */
    public record Run(long reads, long visits, long reviews) {

        Run plus(Run other) {
            return new Run(reads + other.reads, visits + other.visits, reviews + other.reviews);
        }
    }

    public ParkingDerivation(UnitOfWork work, ParkingSettings settings, VisitorTariffs tariffs, ActiveContracts contracts) {
        this.work = work;
        this.settings = settings;
        this.pricing = new VisitPricing(tariffs, contracts);
    }

    /** Derives everything stored so far, batch by batch; {@code now} decides which entries waited too long. */
    public Run runOnce(Instant now) {
        Run total = CURSOR.drain(work, "visitor parking", settings.batchReads(), (tx, events) -> batch(tx, events, now),
                new Run(0, 0, 0), Run::plus);
        if (total.reads() > 0 || total.reviews() > 0) {
            LOG.info("visitor parking derived [reads: {}, visits: {}, reviews: {}]", total.reads(), total.visits(),
                    total.reviews());
        }
        return total;
    }

    private Run batch(UnitOfWork.Tx tx, List<EventRecord> events, Instant now) throws SQLException {
        Map<String, List<GateRead>> reads = reads(tx, events);
        List<String> communities = new ArrayList<>();
        List<String> plates = new ArrayList<>();
        reads.forEach((community, list) -> list.stream().filter(GateRead::readable).forEach(r -> {
            communities.add(community);
            plates.add(r.plate());
        }));
        Map<String, List<GateRead>> waiting = new LinkedHashMap<>();
        Instant horizon = EventCursor.horizon(events, settings.batchReads(), now);
        Instant expiredAt = horizon.minus(settings.pairing().openEntryLimit());
        for (ParkingStore.Waiting w : ParkingStore.waiting(tx, communities, plates, expiredAt)) {
            waiting.computeIfAbsent(w.communityId(), c -> new ArrayList<>()).add(w.entry());
        }
        Set<String> touched = new TreeSet<>(reads.keySet());
        touched.addAll(waiting.keySet());
        List<ParkingStore.Waiting> closed = new ArrayList<>();
        List<ParkingStore.Waiting> opened = new ArrayList<>();
        List<ParkingStore.NewVisit> visits = new ArrayList<>();
        List<ParkingStore.NewReview> reviews = new ArrayList<>();
        for (String community : touched) {
            List<GateRead> before = waiting.getOrDefault(community, List.of());
            PlatePairing.Result result = new PlatePairing(new PairingSettings(BillingSettingsStore.plateMinConfidence(tx,
                    community, settings.pairing().minConfidence()), settings.pairing().openEntryLimit()))
                    .pair(before, reads.getOrDefault(community, List.of()), horizon);
            before.stream().filter(e -> result.closedOpen().contains(e.eventId()))
                    .forEach(e -> closed.add(new ParkingStore.Waiting(community, e)));
            Set<Long> earlier = new java.util.HashSet<>();
            before.forEach(e -> earlier.add(e.eventId()));
            result.stillOpen().stream().filter(e -> !earlier.contains(e.eventId()))
                    .forEach(e -> opened.add(new ParkingStore.Waiting(community, e)));
            visits.addAll(pricing.price(tx, community, result.visits()));
            result.reviews().forEach(r -> reviews.add(new ParkingStore.NewReview(community, r.reason(), r.plate(), r.ts(),
                    Evidence.json(r.evidence()))));
        }
        ParkingStore.removeWaiting(tx, closed);
        ParkingStore.addWaiting(tx, opened);
        int added = ParkingStore.addVisits(tx, visits).size();
        ParkingStore.addReviews(tx, reviews);
        return new Run(events.size(), added, reviews.size());
    }

    /** The reads of the events by community; events of devices no longer registered are skipped. */
    private static Map<String, List<GateRead>> reads(UnitOfWork.Tx tx, List<EventRecord> events) throws SQLException {
        Map<String, Devices.Place> places = Devices.places(tx, events.stream().map(EventRecord::deviceId).distinct().toList());
        Map<String, Map<String, String>> carParks = new HashMap<>();
        Map<String, List<GateRead>> reads = new LinkedHashMap<>();
        for (EventRecord e : events) {
            Devices.Place place = places.get(e.deviceId());
            if (place == null) {
                continue;
            }
            Map<String, String> parks = carParks.get(place.communityId());
            if (parks == null) {
                parks = carParksOf(tx, place.communityId());
                carParks.put(place.communityId(), parks);
            }
            String carPark = parks.getOrDefault(e.deviceId(), place.communityId());
            reads.computeIfAbsent(place.communityId(), c -> new ArrayList<>()).add(Evidence.read(e, carPark));
        }
        return reads;
    }

    /** The car park (by name) of each gate camera of the community; a camera of none is the community's. */
    private static Map<String, String> carParksOf(UnitOfWork.Tx tx, String communityId) throws SQLException {
        Map<String, String> parks = new HashMap<>();
        for (ParkingSpaces.CarPark park : ParkingSpaces.carParks(tx, communityId)) {
            park.gateCameraIds().forEach(camera -> parks.put(camera, park.name()));
        }
        return parks;
    }
}
