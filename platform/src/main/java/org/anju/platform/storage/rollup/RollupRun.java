package org.anju.platform.storage.rollup;

/**
 * What one run of the rollup job did.
 *
 * @param marksTaken     (hour, device) marks moved from ingest's list to the job's
 * @param marksDiscarded marks dropped because their hour is older than the raw retention
 * @param pairsFolded    (hour, device) pairs recomputed into the hourly and daily rollups
 * @param hoursFolded    distinct hours among them
 */
public record RollupRun(int marksTaken, int marksDiscarded, int pairsFolded, int hoursFolded) {

    public static final RollupRun NOTHING = new RollupRun(0, 0, 0, 0);
}
