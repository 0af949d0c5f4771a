package org.anju.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestSql;
import org.anju.system.testing.ChildPlatforms;

/**
 * Two platform instances, each {@code anju run} in its own JVM, on one database: each cluster-wide
 * job runs on one of them only; after the instance running the jobs is killed with SIGKILL, the
 * other takes every job over once the killed one's leases have run out.
 */
@Timeout(300)
class ClusterJobsTakeoverIT {

    /**
     * The cluster-wide jobs that run within seconds with the settings below (the others start after a
     * minute), in name order.
     */
    private static final List<String> JOBS = List.of("alerts.timers", "billing.monthly-run", "presence.check",
            "storage.rollup");
    private static final String JOB_LIST = String.join(", ", JOBS.stream().map(job -> "?").toList());
    private static final String METRICS_TOKEN = "takeover-test-metrics-token";
    private static final Pattern RUNS = Pattern.compile("anju_jobs_runs_total\\{job=\"([a-z.\\-]+)\",?\\} ([0-9.E]+)");

    @Test
    void eachJobRunsOnOneInstanceAndAKilledInstancesJobsAreTakenOver() throws Exception {
        try (TestDatabases.TestDatabase database = TestDatabases.primary().create();
                HikariDataSource ds = dataSource(database.url())) {
            Instance a = Instance.start("a", database.url());
            Instance b = null;
            try {
                // GIVEN a runs every job, then b starts beside it
                await().atMost(Duration.ofSeconds(60)).until(() -> JOBS.stream().allMatch(job -> runsBy(ds, job, "a") >= 2));
                b = Instance.start("b", database.url());
                Map<String, Long> runsAtStartOfB = runs(ds);
                await().atMost(Duration.ofSeconds(60)).until(() -> JOBS.stream()
                        .allMatch(job -> runsBy(ds, job, "a") >= runsAtStartOfB.get(job) + 3));

                // THEN b, checking every second, ran none of them: each ran on one instance only
                assertThat(b.runsByJob()).as("runs on b while a lives").containsOnlyKeys(JOBS)
                        .allSatisfy((job, runs) -> assertThat(runs).as(job).isZero());
                assertThat(a.runsByJob()).allSatisfy((job, runs) -> assertThat(runs).as(job).isPositive());

                // WHEN a is killed
                a.process.destroyForcibly();
                assertThat(a.process.waitFor()).as("exit status of a SIGKILLed process").isEqualTo(137);
                // a dead holder writes nothing more: these are when its leases end, job by job
                List<String> leasesEnd = TestSql.rows(ds,
                        "SELECT job || '=' || lease_until::text FROM job_leases WHERE holder = 'a' AND job IN (" + JOB_LIST
                                + ") ORDER BY job",
                        JOBS.toArray());

                // THEN b takes over every job, and not before a's leases ran out
                await().atMost(Duration.ofSeconds(60)).until(() -> JOBS.stream().allMatch(job -> runsBy(ds, job, "b") >= 1));
                assertThat(TestSql.rows(ds, "SELECT job || ' ' || holder FROM job_leases WHERE job IN (" + JOB_LIST
                        + ") ORDER BY job", JOBS.toArray()))
                        .containsExactlyElementsOf(JOBS.stream().map(job -> job + " b").toList());
                for (String end : leasesEnd) {
                    String job = end.substring(0, end.indexOf('='));
                    assertThat(TestSql.rows(ds, "SELECT acquired_at >= ?::timestamptz FROM job_leases WHERE job = ?",
                            end.substring(end.indexOf('=') + 1), job)).as(job + " taken over after a's lease ended: " + end)
                            .containsExactly("t");
                }
                // the counter moves just after the run is recorded in job_leases, on the job's own thread
                Instance taker = b;
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(taker.runsByJob())
                        .allSatisfy((job, runs) -> assertThat(runs).as(job).isPositive()));
            } finally {
                a.process.destroyForcibly();
                if (b != null) {
                    b.process.destroy();
                    b.process.waitFor();
                }
            }
        }
    }

    /** One platform process with its instance id and HTTP port. */
    private record Instance(String id, Process process, int httpPort) {

        static Instance start(String id, String dbUrl) throws Exception {
            Path dataDir = Files.createTempDirectory("anju-takeover-" + id);
            int httpPort = ChildPlatforms.freePort();
            Map<String, String> env = new HashMap<>(Map.of(
                    "ANJU_DB_URL", dbUrl,
                    "ANJU_DATA_DIR", dataDir.toString(),
                    "ANJU_HTTP_HOST", "127.0.0.1",
                    "ANJU_HTTP_PORT", Integer.toString(httpPort),
                    "ANJU_MQTT_HOST", "127.0.0.1",
                    "ANJU_MQTT_PORT", "0",
                    "ANJU_SECURITY_BCRYPT_COST", Integer.toString(Fixtures.TEST_BCRYPT_COST),
                    "ANJU_HTTP_METRICS_TOKEN", METRICS_TOKEN,
                    "ANJU_JOBS_INSTANCE_ID", id));
            // a lease of 5 s renewed every 1.7 s: a loaded machine (the whole suite on two cores) does not lose it
            env.putAll(Map.of(
                    "ANJU_JOBS_LEASE_TIME", "5s",
                    "ANJU_ROLLUP_INTERVAL", "1s",
                    "ANJU_PRESENCE_CHECK_INTERVAL", "1s",
                    "ANJU_ALERTS_TIMER_POLL_INTERVAL", "1s",
                    // on, checked every second: the fresh database has no community, so it bills nothing
                    "ANJU_BILLING_MONTHLY_RUN_ENABLED", "true",
                    "ANJU_BILLING_MONTHLY_RUN_CHECK_INTERVAL", "1s",
                    // both processes seal and open the same events, as instances of one cluster must
                    "ANJU_SECURITY_EVENT_SECRET_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                    "ANJU_WEBHOOKS_SECRET_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
            return new Instance(id, ChildPlatforms.start(env, dataDir.resolve("platform.log"), httpPort), httpPort);
        }

        /** This instance's {@code anju_jobs_runs_total} of the jobs under test, from its /metrics. */
        Map<String, Double> runsByJob() throws Exception {
            String metrics = ChildPlatforms.get(httpPort, "/metrics", Map.of("Authorization", "Bearer " + METRICS_TOKEN))
                    .body();
            Map<String, Double> runs = new HashMap<>();
            Matcher m = RUNS.matcher(metrics);
            while (m.find()) {
                if (JOBS.contains(m.group(1))) {
                    runs.put(m.group(1), Double.parseDouble(m.group(2)));
                }
            }
            return runs;
        }
    }

    private static long runsBy(HikariDataSource ds, String job, String holder) {
        List<String> rows = TestSql.rows(ds, "SELECT runs FROM job_leases WHERE job = ? AND last_run_by = ?", job, holder);
        return rows.isEmpty() ? 0 : Long.parseLong(rows.getFirst());
    }

    private static Map<String, Long> runs(HikariDataSource ds) {
        Map<String, Long> runs = new HashMap<>();
        for (String job : JOBS) {
            runs.put(job, Long.parseLong(TestSql.rows(ds, "SELECT runs FROM job_leases WHERE job = ?", job).getFirst()));
        }
        return runs;
    }

    private static HikariDataSource dataSource(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setMaximumPoolSize(2);
        return ds;
    }
}
