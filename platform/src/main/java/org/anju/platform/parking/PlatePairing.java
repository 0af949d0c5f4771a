package org.anju.platform.parking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.anju.protocol.catalogue.camera.LaneDirection;

/**
 * Pairs one community's plate reads into visits: pure, no I/O. Reads are taken in time order (ties
 * by event id); per plate, an entry waits for the next exit in the same car park. Whatever cannot
 * be paired for certain goes to review with its evidence, never into a guessed charge:
 * <ul>
 * <li>a read without plate: {@link ReviewReason#MISSED_READ};</li>
 * <li>a read below {@link PairingSettings#minConfidence}: {@link ReviewReason#LOW_CONFIDENCE} (it
 * neither opens nor closes a visit);</li>
 * <li>an exit with no waiting entry: {@link ReviewReason#EXIT_WITHOUT_ENTRY};</li>
 * <li>an entry while one of the same plate waits (tailgating, a cloned plate or a missed exit): the
 * waiting one goes to {@link ReviewReason#DOUBLE_ENTRY} with both reads, the newer one waits;</li>
 * <li>an exit in another car park than its entry: {@link ReviewReason#OTHER_CAR_PARK}, both reads;</li>
 * <li>an entry still waiting {@link PairingSettings#openEntryLimit} after it, at {@code now}:
 * {@link ReviewReason#ENTRY_WITHOUT_EXIT}.</li>
 * </ul>
 */
public final class PlatePairing {

    private static final Comparator<GateRead> READ_ORDER = Comparator.comparing(GateRead::ts)
            .thenComparingLong(GateRead::eventId);

    private final PairingSettings settings;

    public PlatePairing(PairingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** An entry and its exit. */
    public record Pair(GateRead entry, GateRead exit) {
    }

    /** Reads staff must look at, and why. */
    public record Review(ReviewReason reason, String plate, Instant ts, List<GateRead> evidence) {

        public Review {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * What a run of the pairing found.
     *
     * @param visits      the paired entries and exits
     * @param reviews     what goes to staff
     * @param stillOpen   every entry that waits for its exit after the run (earlier ones included)
     * @param closedOpen  the event ids of the entries given as waiting that no longer wait
     */
    public record Result(List<Pair> visits, List<Review> reviews, List<GateRead> stillOpen, Set<Long> closedOpen) {
    }

    /**
     * Pairs {@code reads} after the entries that were waiting, then sends entries waiting longer
     * than the limit at {@code now} to review.
     *
     * @param waiting entries of earlier runs still waiting for their exit (one per plate)
     */
    public Result pair(Collection<GateRead> waiting, Collection<GateRead> reads, Instant now) {
        Map<String, GateRead> open = new LinkedHashMap<>();
        Set<Long> earlier = new HashSet<>();
        for (GateRead entry : waiting) {
            open.put(entry.plate(), entry);
            earlier.add(entry.eventId());
        }
        List<Pair> visits = new ArrayList<>();
        List<Review> reviews = new ArrayList<>();
        for (GateRead read : reads.stream().sorted(READ_ORDER).toList()) {
            if (!read.readable()) {
                reviews.add(review(ReviewReason.MISSED_READ, read));
            } else if (read.confidence() < settings.minConfidence()) {
                reviews.add(review(ReviewReason.LOW_CONFIDENCE, read));
            } else if (read.direction() == LaneDirection.IN) {
                GateRead before = open.put(read.plate(), read);
                if (before != null) {
                    reviews.add(new Review(ReviewReason.DOUBLE_ENTRY, read.plate(), before.ts(), List.of(before, read)));
                }
            } else {
                GateRead entry = open.remove(read.plate());
                if (entry == null) {
                    reviews.add(review(ReviewReason.EXIT_WITHOUT_ENTRY, read));
                } else if (!entry.carPark().equals(read.carPark())) {
                    reviews.add(new Review(ReviewReason.OTHER_CAR_PARK, read.plate(), entry.ts(), List.of(entry, read)));
                } else {
                    visits.add(new Pair(entry, read));
                }
            }
        }
        Instant expired = now.minus(settings.openEntryLimit());
        open.values().removeIf(entry -> {
            if (entry.ts().isAfter(expired)) {
                return false;
            }
            reviews.add(review(ReviewReason.ENTRY_WITHOUT_EXIT, entry));
            return true;
        });
        Set<Long> closed = new HashSet<>(earlier);
        open.values().forEach(entry -> closed.remove(entry.eventId()));
        return new Result(visits, reviews, List.copyOf(open.values()), closed);
    }

    private static Review review(ReviewReason reason, GateRead read) {
        return new Review(reason, read.plate(), read.ts(), List.of(read));
    }
}
