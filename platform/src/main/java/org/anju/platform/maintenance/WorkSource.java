package org.anju.platform.maintenance;

/** Why maintenance work became due: the four ways issue 13 brings work to a maintainer. */
public enum WorkSource {
    /** A plan's calendar occurrence (elevator half-monthly, detector test, …). */
    PLAN("plan"),
    /** A usage counter passed its threshold (on-demand mode brings the work forward). */
    COUNTER("counter"),
    /** A forecast expects a failure or a limit within the horizon ("due in N days"). */
    FORECAST("forecast"),
    /** A fault alert of the device (faults go to maintenance, not to 119). */
    ALERT("alert");

    private final String wireName;

    WorkSource(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name in the database and the API. */
    public String wireName() {
        return wireName;
    }
}
