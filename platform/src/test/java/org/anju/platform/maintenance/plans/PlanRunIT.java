package org.anju.platform.maintenance.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.maintenance.CompletedWork;
import org.anju.platform.maintenance.DueWork;
import org.anju.platform.maintenance.WorkSource;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;

/**
 * The daily plan run and the completion of its work on a real database: an occurrence opens once
 * within its lead time, completing it (on a Shanghai day that is the day before in UTC) counts the
 * next 15 days from that local day across a leap day, and a second completion of the same order
 * changes nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlanRunIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2028, 2, 17);

    @Test
    void opensEachOccurrenceOnceAndSchedulesTheNextFromTheLocalCompletionDay() throws Exception {
        try (TestDatabase db = TestDatabases.primary().create(); Database database = Database.open(db.settings())) {
            UnitOfWork work = database.work();
            TestClock clock = new TestClock(DAY.atTime(4, 0).atZone(SHANGHAI).toInstant());
            // GIVEN an elevator with a half-monthly plan due on the 20th (lead 3 days) and a quarterly one later
            Asset elevator = new Asset("elev-1", "elm-court", AssetKind.ELEVATOR, "m-1", "Otis Shanghai", "C-7",
                    MaintenanceMode.CALENDAR, "31103101002019000123", null, LocalDate.of(2028, 9, 1), clock.instant());
            Plan halfMonthly = work.inTransaction("test", tx -> {
                Assets.put(tx, elevator, clock.instant());
                Plans.create(tx, elevator, PlanSpec.defaults(PlanKind.ELEVATOR_QUARTERLY, DAY.plusDays(40)), "t",
                        clock.instant());
                return Plans.create(tx, elevator, PlanSpec.defaults(PlanKind.ELEVATOR_HALF_MONTHLY,
                        LocalDate.of(2028, 2, 20)), "t", clock.instant());
            });
            RecordingSink sink = new RecordingSink();
            PlanRun run = new PlanRun(work, sink);

            // WHEN the run runs the day before the lead time, on the first day of it, and again
            assertThat(run.run(DAY.minusDays(1)).opened()).isZero();
            PlanRun.Result first = run.run(DAY);
            PlanRun.Result again = run.run(DAY.plusDays(1));

            // THEN the half-monthly occurrence opened once, for 2 people, with its checklist
            assertThat(first.plans()).isEqualTo(2);
            assertThat(first.opened()).isEqualTo(1);
            assertThat(again.opened()).isZero();
            DueWork due = sink.calls.getFirst();
            assertThat(sink.calls).hasSize(1);
            assertThat(due.sourceRef()).isEqualTo("plan:" + halfMonthly.id() + ":2028-02-20");
            assertThat(due.source()).isEqualTo(WorkSource.PLAN);
            assertThat(due.minCrew()).isEqualTo(2);
            assertThat(due.checklist()).contains("elevator.brake");
            assertThat(due.communityId()).isEqualTo("elm-court");

            // WHEN it is done at 07:00 on the 19th in Shanghai (the 18th in UTC), and told twice
            Instant doneAt = LocalDate.of(2028, 2, 19).atTime(7, 0).atZone(SHANGHAI).toInstant();
            PlanCompletions completions = new PlanCompletions(SHANGHAI, clock);
            CompletedWork done = new CompletedWork(1, "elm-court", "elev-1", WorkSource.PLAN, due.sourceRef(), doneAt);
            work.inTransaction("test", tx -> {
                completions.completed(tx, done);
                return null;
            });
            work.inTransaction("test", tx -> {
                completions.completed(tx, new CompletedWork(1, "elm-court", "elev-1", WorkSource.PLAN, due.sourceRef(),
                        doneAt.plusSeconds(86_400 * 3)));
                return null;
            });

            // THEN the next is 15 days after the 19th across the leap day, and the counters restart then
            Plan after = work.read("test", tx -> Plans.get(tx, halfMonthly.id())).orElseThrow();
            Asset asset = work.read("test", tx -> Assets.get(tx, "elev-1")).orElseThrow();
            assertThat(after.lastDoneOn()).isEqualTo(LocalDate.of(2028, 2, 19));
            assertThat(PlanRules.nextDue(after, asset)).contains(LocalDate.of(2028, 3, 5));
            assertThat(asset.countersSince()).isEqualTo(doneAt);

            // WHEN the run reaches the next lead time THEN that occurrence opens
            assertThat(run.run(LocalDate.of(2028, 3, 2)).opened()).isEqualTo(1);
            assertThat(sink.calls.getLast().sourceRef()).isEqualTo("plan:" + halfMonthly.id() + ":2028-03-05");
        }
    }
}
