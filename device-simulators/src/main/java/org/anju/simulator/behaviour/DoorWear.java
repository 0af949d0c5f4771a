package org.anju.simulator.behaviour;

/**
 * How an elevator's doors wear with use (docs/simulators.md "Wear and drift"): no effect until
 * {@code onsetCycles} door cycles since the last door service; then transient door faults at
 * {@code faultsPer10kCycles} per week for every 10,000 cycles past the onset (a weekly count that
 * rises linearly with use); the door fails {@code failureCycles} cycles past the onset. A
 * {@code faultsPer10kCycles} of 0 (the default) is a healthy door: no wear faults, no failure.
 *
 * @param cyclesSinceServiceAtStart door cycles since the last service when the simulation starts
 */
record DoorWear(double faultsPer10kCycles, long onsetCycles, long failureCycles, long cyclesSinceServiceAtStart) {

    static DoorWear of(Params params) {
        return new DoorWear(params.number("doorWearFaultsPer10kCycles", 0, 0, 1_000),
                (long) params.number("doorWearOnsetCycles", 200_000, 0, 1e9),
                (long) params.number("doorFailureCycles", 100_000, 1, 1e9),
                (long) params.number("doorCyclesSinceService", 0, 0, 1e9));
    }

    /** Returns whether wear shows at all. */
    boolean active() {
        return faultsPer10kCycles > 0;
    }

    /** Returns the expected transient door faults per week after {@code sinceService} door cycles. */
    double faultsPerWeek(long sinceService) {
        return active() ? faultsPer10kCycles * Math.max(0, sinceService - onsetCycles) / 10_000.0 : 0;
    }

    /** Returns whether the door has worn out after {@code sinceService} door cycles. */
    boolean failed(long sinceService) {
        return active() && sinceService - onsetCycles >= failureCycles;
    }
}
