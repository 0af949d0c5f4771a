package org.anju.platform.charging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A charging session while the derivation builds it: a row read or to be written. */
final class SessionDraft {

    static final String OPEN = "open";
    static final String PRICED = "priced";
    static final String REVIEW = "review";

    Long id;
    String communityId;
    String deviceId;
    int connectorId;
    int transactionId;
    String idTagHash;
    Long householdId;
    Long startEventId;
    Instant startedAt;
    Long meterStartWh;
    Long stopEventId;
    Instant stoppedAt;
    Long meterStopWh;
    String stopReason;
    BigDecimal energyWh;
    Long amountFen;
    String state = OPEN;
    String reviewReason;
    List<TierLine> lines = List.of();

    /** Returns the key of its connector: one open session per connector. */
    String connectorKey() {
        return deviceId + '\0' + connectorId;
    }

    void review(String reason) {
        state = REVIEW;
        reviewReason = reason;
    }

    boolean stopped() {
        return state.equals(OPEN) && stopEventId != null;
    }
}
