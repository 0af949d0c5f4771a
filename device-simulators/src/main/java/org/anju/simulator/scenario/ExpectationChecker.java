package org.anju.simulator.scenario;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.anju.protocol.manifest.DeviceManifest;

/**
 * Decides one expectation at a time against what the platform shows: met (with the delay),
 * missed, or not checkable. Events and alerts are timed by their own timestamps, so a reaction
 * stored a little after its deadline but stamped within it still counts; online state is timed
 * by when the checker saw it.
 */
final class ExpectationChecker {

    private final PlatformObservations platform;
    private final Duration grace;

    /**
     * @param grace how long past a deadline the checker keeps looking for reactions stamped in time
     */
    ExpectationChecker(PlatformObservations platform, Duration grace) {
        this.platform = platform;
        this.grace = grace;
    }

    /** An expectation of a started step, with the devices it is about. */
    record Pending(int step, Expectation expectation, List<DeviceManifest.Device> devices, Instant start) {

        Instant deadline() {
            return start.plus(expectation.within());
        }

        Set<String> ids() {
            return devices.stream().map(DeviceManifest.Device::id).collect(Collectors.toSet());
        }

        Set<String> communities() {
            return devices.stream().map(d -> d.communityId() == null ? "" : d.communityId()).collect(Collectors.toSet());
        }
    }

    /** Returns the outcome once it is decided at {@code now}, or empty while it is still open. */
    Optional<Outcome> check(Pending p, Instant now) throws IOException, InterruptedException {
        if (p.communities().contains("")) {
            return Optional.of(outcome(p, Outcome.Status.NOT_CHECKABLE, null,
                    "the manifest does not say which community a device is in"));
        }
        return switch (p.expectation()) {
            case Expectation.Event e -> stamped(p, now, events(p, e));
            case Expectation.Alert a -> alerts(p, now, a);
            case Expectation.Offline o -> state(p, now, false);
            case Expectation.Online o -> state(p, now, true);
            case Expectation.Forecast f -> reactions(p, now, c -> platform.forecasts(c, f.subject()));
            case Expectation.WorkOrder w -> reactions(p, now, c -> platform.workOrders(c, w.source()));
        };
    }

    private List<PlatformObservations.Seen> events(Pending p, Expectation.Event e) throws IOException, InterruptedException {
        List<PlatformObservations.Seen> seen = new java.util.ArrayList<>();
        for (String community : p.communities()) {
            // a bounded window: a busy community's later events cannot push ours off the page
            seen.addAll(platform.events(community, e.kind(), p.start().minusSeconds(1), p.deadline().plus(grace)));
        }
        return seen;
    }

    /** What the platform shows of a community, or why it cannot be checked. */
    @FunctionalInterface
    private interface Observe {
        PlatformObservations.Alerts of(String communityId) throws IOException, InterruptedException;
    }

    /** Forecasts and work orders: stamped by when the platform raised or opened them. */
    private Optional<Outcome> reactions(Pending p, Instant now, Observe observe) throws IOException, InterruptedException {
        List<PlatformObservations.Seen> seen = new java.util.ArrayList<>();
        for (String community : p.communities()) {
            PlatformObservations.Alerts shown = observe.of(community);
            if (shown.notCheckable() != null) {
                return Optional.of(outcome(p, Outcome.Status.NOT_CHECKABLE, null, shown.notCheckable()));
            }
            shown.seen().stream().filter(s -> s.at() == null || !s.at().isBefore(p.start().minusSeconds(1)))
                    .forEach(seen::add);
        }
        return stamped(p, now, seen);
    }

    private Optional<Outcome> alerts(Pending p, Instant now, Expectation.Alert a)
            throws IOException, InterruptedException {
        List<PlatformObservations.Seen> seen = new java.util.ArrayList<>();
        for (String community : p.communities()) {
            PlatformObservations.Alerts alerts = platform.alerts(community, a.type(), p.start().minusSeconds(1));
            if (alerts.notCheckable() != null) {
                return Optional.of(outcome(p, Outcome.Status.NOT_CHECKABLE, null, alerts.notCheckable()));
            }
            alerts.seen().stream().filter(s -> a.severity() == null || a.severity().equals(s.severity()))
                    .forEach(seen::add);
        }
        return stamped(p, now, seen);
    }

    private Optional<Outcome> stamped(Pending p, Instant now, List<PlatformObservations.Seen> seen) {
        Set<String> ids = p.ids();
        Optional<PlatformObservations.Seen> first = seen.stream()
                .filter(s -> ids.contains(s.deviceId()) && s.at() != null)
                .min(Comparator.comparing(PlatformObservations.Seen::at));
        if (first.isPresent() && !first.get().at().isAfter(p.deadline())) {
            Duration delay = Duration.between(p.start(), first.get().at());
            return Optional.of(outcome(p, Outcome.Status.MET, delay.isNegative() ? Duration.ZERO : delay,
                    first.get().deviceId()));
        }
        if (first.isPresent()) {
            return Optional.of(outcome(p, Outcome.Status.MISSED, null, "came only after "
                    + Durations.format(Duration.between(p.start(), first.get().at())) + " (" + first.get().deviceId() + ")"));
        }
        if (now.isAfter(p.deadline().plus(grace))) {
            return Optional.of(outcome(p, Outcome.Status.MISSED, null, "nothing from the " + ids.size()
                    + " device(s) by " + Durations.format(p.expectation().within())));
        }
        return Optional.empty();
    }

    private Optional<Outcome> state(Pending p, Instant now, boolean online) throws IOException, InterruptedException {
        Map<String, Boolean> shown = new java.util.HashMap<>();
        for (String community : p.communities()) {
            shown.putAll(platform.online(community));
        }
        List<String> notYet = p.ids().stream().filter(id -> !Boolean.valueOf(online).equals(shown.get(id))).sorted()
                .toList();
        if (notYet.isEmpty()) {
            Duration delay = Duration.between(p.start(), now);
            return Optional.of(now.isAfter(p.deadline())
                    ? outcome(p, Outcome.Status.MISSED, null, "seen " + (online ? "online" : "offline") + " only after "
                            + Durations.format(delay))
                    : outcome(p, Outcome.Status.MET, delay, String.join(", ", p.ids().stream().sorted().toList())));
        }
        if (now.isAfter(p.deadline())) {
            return Optional.of(outcome(p, Outcome.Status.MISSED, null, "still " + (online ? "offline" : "online")
                    + " after " + Durations.format(p.expectation().within()) + ": " + String.join(", ", notYet)));
        }
        return Optional.empty();
    }

    private static Outcome outcome(Pending p, Outcome.Status status, Duration delay, String detail) {
        return new Outcome(p.step(), p.expectation(), status, delay, detail);
    }
}
