package org.anju.simulator.behaviour;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How busy something is by hour of the day, on working days and on weekends, as a factor of its
 * peak (0 to 1), in the community's time zone.
 */
public record DailyProfile(double[] weekday, double[] weekend) {

    /** Where the simulated communities are: days start at midnight China time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Residential lifts: morning peak 7–9, evening peak 17–20; weekends later and flatter. */
    public static final DailyProfile ELEVATOR = new DailyProfile(
            new double[] {0.04, 0.02, 0.01, 0.01, 0.02, 0.08, 0.35, 0.95, 1.0, 0.45, 0.3, 0.35,
                    0.45, 0.35, 0.3, 0.3, 0.4, 0.75, 1.0, 0.8, 0.55, 0.4, 0.2, 0.08},
            new double[] {0.06, 0.03, 0.02, 0.01, 0.01, 0.03, 0.1, 0.25, 0.45, 0.6, 0.65, 0.6,
                    0.55, 0.5, 0.5, 0.55, 0.6, 0.65, 0.7, 0.65, 0.55, 0.4, 0.25, 0.1});

    /** Courier deliveries: mornings. */
    public static final DailyProfile DEPOSITS = new DailyProfile(
            new double[] {0, 0, 0, 0, 0, 0, 0, 0.1, 0.5, 1.0, 1.0, 0.8, 0.4, 0.5, 0.6, 0.5, 0.3, 0.1, 0, 0, 0, 0, 0, 0},
            new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0.3, 0.7, 0.7, 0.5, 0.3, 0.3, 0.3, 0.2, 0.1, 0, 0, 0, 0, 0, 0, 0});

    /** Residents picking up parcels: evenings after work; weekends through the day. */
    public static final DailyProfile PICKUPS = new DailyProfile(
            new double[] {0.02, 0, 0, 0, 0, 0, 0.05, 0.2, 0.15, 0.05, 0.05, 0.1, 0.2, 0.1, 0.05, 0.05, 0.1, 0.4, 0.9, 1.0, 0.9, 0.6, 0.3, 0.1},
            new double[] {0.02, 0, 0, 0, 0, 0, 0.05, 0.1, 0.3, 0.5, 0.6, 0.6, 0.5, 0.5, 0.5, 0.5, 0.6, 0.6, 0.7, 0.7, 0.6, 0.4, 0.2, 0.1});

    /** EV drivers plugging in: mostly after coming home. */
    public static final DailyProfile PLUG_IN = new DailyProfile(
            new double[] {0.05, 0.02, 0, 0, 0, 0, 0.02, 0.05, 0.1, 0.1, 0.1, 0.1, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 0.9, 1.0, 0.9, 0.7, 0.5, 0.2},
            new double[] {0.05, 0.02, 0, 0, 0, 0, 0, 0.05, 0.15, 0.25, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.35, 0.5, 0.7, 0.8, 0.7, 0.6, 0.4, 0.2});

    /** Resident cars leaving the community: the morning commute. */
    public static final DailyProfile CARS_OUT = new DailyProfile(
            new double[] {0, 0, 0, 0, 0, 0.02, 0.3, 1.0, 0.8, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.15, 0.1, 0.05, 0.02, 0},
            new double[] {0, 0, 0, 0, 0, 0, 0.05, 0.1, 0.3, 0.5, 0.5, 0.3, 0.2, 0.3, 0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.05, 0.02, 0, 0});

    /** Resident cars coming home: the evening commute. */
    public static final DailyProfile CARS_IN = new DailyProfile(
            new double[] {0.02, 0, 0, 0, 0, 0, 0, 0.05, 0.05, 0.1, 0.1, 0.2, 0.2, 0.1, 0.1, 0.2, 0.3, 0.8, 1.0, 0.8, 0.5, 0.3, 0.1, 0.05},
            new double[] {0.02, 0, 0, 0, 0, 0, 0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.4, 0.3, 0.3, 0.4, 0.5, 0.6, 0.6, 0.5, 0.3, 0.2, 0.1, 0.05});

    /** Visitors driving in: daytime. */
    public static final DailyProfile VISITORS = new DailyProfile(
            new double[] {0, 0, 0, 0, 0, 0, 0.05, 0.2, 0.5, 0.8, 1.0, 0.8, 0.6, 0.8, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.2, 0.05, 0},
            new double[] {0, 0, 0, 0, 0, 0, 0.05, 0.1, 0.4, 0.8, 1.0, 1.0, 0.9, 1.0, 1.0, 1.0, 0.9, 0.8, 0.7, 0.6, 0.4, 0.2, 0.05, 0});

    public DailyProfile {
        if (weekday.length != 24 || weekend.length != 24) {
            throw new IllegalArgumentException("a daily profile has 24 hourly factors per day kind");
        }
    }

    /** Returns the factor at a time, 0 to 1. */
    public double at(Instant time) {
        ZonedDateTime local = time.atZone(ZONE);
        DayOfWeek day = local.getDayOfWeek();
        boolean weekendDay = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return (weekendDay ? weekend : weekday)[local.getHour()];
    }

    /** Returns the local hour of a time, 0 to 23. */
    public static int hour(Instant time) {
        return time.atZone(ZONE).getHour();
    }
}
