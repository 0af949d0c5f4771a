package org.anju.platform.maintenance.plans;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of maintenance plan (docs/maintenance.md "Assets and plans"): the asset kind each is
 * for, the unit and bounds of its interval, the fewest people on site, and the rule a plan of it
 * must keep (named in the 400/409 that refuses a plan breaking it).
 */
public enum PlanKind {
    /** TSG T5002: at least every 15 days, 2 people. */
    ELEVATOR_HALF_MONTHLY(AssetKind.ELEVATOR, Unit.DAYS, 15, 15, 2, 3, "elevator.max_15_days"),
    ELEVATOR_QUARTERLY(AssetKind.ELEVATOR, Unit.MONTHS, 3, 3, 2, 7, "elevator.quarterly"),
    ELEVATOR_HALF_YEARLY(AssetKind.ELEVATOR, Unit.MONTHS, 6, 6, 2, 14, "elevator.half_yearly"),
    ELEVATOR_ANNUAL(AssetKind.ELEVATOR, Unit.MONTHS, 12, 12, 2, 14, "elevator.annual"),
    /**
     * The application for the periodic inspection: due {@code every} days (at least 30) before the
     * asset's next inspection date; {@link #maxEvery} is the fewest days here, not the most.
     */
    ELEVATOR_INSPECTION_APPLICATION(AssetKind.ELEVATOR, Unit.DAYS_BEFORE_INSPECTION, 30, 30, 1, 14,
            "inspection.apply_30_days_before"),
    /**
     * The alarm transmission test, at least twice in every calendar month: at most 14 days apart
     * (15 would allow a February with one test: 30 Jan, 14 Feb, 1 Mar).
     */
    UITD_TRANSMISSION_TEST(AssetKind.FIRE_PANEL, Unit.DAYS, 14, 14, 1, 2, "uitd.twice_a_month"),
    /** The UITD's daily self-test (GB 26875), checked every day. */
    UITD_SELF_TEST(AssetKind.FIRE_PANEL, Unit.DAYS, 1, 1, 1, 0, "uitd.daily_self_test"),
    DETECTOR_TEST(AssetKind.SMOKE_DETECTOR, Unit.MONTHS, 3, 12, 1, 7, "detector.test_yearly"),
    /** A lithium battery lasts about 3 years (DOMAIN.md). */
    DETECTOR_BATTERY(AssetKind.SMOKE_DETECTOR, Unit.MONTHS, 36, 36, 1, 30, "detector.battery_3_years"),
    CHARGER_INSPECTION(AssetKind.EV_CHARGER, Unit.MONTHS, 1, 3, 1, 3, "charger.inspection_quarterly"),
    LOCKER_INSPECTION(AssetKind.PARCEL_LOCKER, Unit.MONTHS, 3, 6, 1, 7, "locker.inspection_half_yearly"),
    CAMERA_INSPECTION(AssetKind.CAMERA, Unit.MONTHS, 3, 6, 1, 7, "camera.inspection_half_yearly");

    /** The unit of a plan's {@code every}. */
    public enum Unit {
        DAYS, MONTHS, DAYS_BEFORE_INSPECTION;

        /** Returns the name in the API. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final AssetKind assetKind;
    private final Unit unit;
    private final int defaultEvery;
    private final int maxEvery;
    private final int minCrew;
    private final int defaultLeadDays;
    private final String rule;

    PlanKind(AssetKind assetKind, Unit unit, int defaultEvery, int maxEvery, int minCrew, int defaultLeadDays,
            String rule) {
        this.assetKind = assetKind;
        this.unit = unit;
        this.defaultEvery = defaultEvery;
        this.maxEvery = maxEvery;
        this.minCrew = minCrew;
        this.defaultLeadDays = defaultLeadDays;
        this.rule = rule;
    }

    /** Returns the name in the database and the API. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Finds a kind by its wire name. */
    public static Optional<PlanKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }

    public AssetKind assetKind() {
        return assetKind;
    }

    public Unit unit() {
        return unit;
    }

    public int defaultEvery() {
        return defaultEvery;
    }

    /** Returns the longest interval the rule allows (for the inspection application: the fewest days before). */
    public int maxEvery() {
        return maxEvery;
    }

    /** Returns the fewest people on site (2 for elevator maintenance). */
    public int minCrew() {
        return minCrew;
    }

    public int defaultLeadDays() {
        return defaultLeadDays;
    }

    /** Returns the rule's name, as 400 and 409 answers give it. */
    public String rule() {
        return rule;
    }
}
