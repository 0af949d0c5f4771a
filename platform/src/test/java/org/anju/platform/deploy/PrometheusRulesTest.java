package org.anju.platform.deploy;

import static org.anju.platform.deploy.DeployFiles.DEPLOY;
import static org.anju.platform.deploy.DeployFiles.list;
import static org.anju.platform.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.anju.platform.api.HttpApi;

/**
 * The Prometheus alert rules shipped in {@code deploy/prometheus/}: each rule is complete, and
 * every metric its expression names is one the code registers, under the name Prometheus shows
 * for its kind (Micrometer: dots become underscores; counters end in {@code _total}; timers in
 * {@code _seconds_count|_sum|_max|_bucket}; distribution summaries in {@code _count|_sum|_max|_bucket}).
 */
class PrometheusRulesTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), DeployFiles.ROOT.resolve("gateway/src/main/java"));
    private static final Pattern METER = Pattern.compile(
            "(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\"([a-z._]+)\"|\\.gauge\\(\"([a-z._]+)\"");
    private static final Pattern METRIC_IN_EXPR = Pattern.compile("\\b(anju_[a-z_]+)\\b");

    @Test
    void everyRuleIsCompleteAndNamesOnlyMetricsTheCodeExposes() {
        Set<String> exposed = exposedMetrics();
        List<Object> groups = list(DeployFiles.yamlDocuments(DEPLOY.resolve("prometheus/anju-alerts.yml")).getFirst()
                .get("groups"));
        assertThat(groups).isNotEmpty();
        Set<String> used = new TreeSet<>();
        for (Object group : groups) {
            for (Object node : list(map(group).get("rules"))) {
                Map<String, Object> rule = map(node);
                String name = String.valueOf(rule.get("alert"));
                assertThat(rule).as(name).containsKeys("alert", "expr", "labels", "annotations");
                assertThat(map(rule.get("labels"))).as(name).containsKey("severity");
                assertThat(map(rule.get("annotations"))).as(name).containsKeys("summary", "description");
                Matcher m = METRIC_IN_EXPR.matcher(String.valueOf(rule.get("expr")));
                while (m.find()) {
                    used.add(m.group(1));
                    assertThat(m.group(1)).as(name + ": a metric the code exposes").isIn(exposed);
                }
            }
        }
        assertThat(used).as("the rules watch ingest, the gateway, the cluster-wide jobs, Kafka and payments")
                .contains("anju_ingest_messages_refused_total", "anju_gateway_puback_latency_seconds_bucket",
                        "anju_jobs_runs_total", "anju_kafka_records_total", "anju_payments_callbacks_total");
    }

    @Test
    void theScrapeConfigurationReadsTheMetricsPathWithABearerToken() {
        Map<String, Object> config = DeployFiles.yamlDocuments(DEPLOY.resolve("prometheus/prometheus.yml")).getFirst();
        assertThat(list(config.get("rule_files"))).containsExactly("anju-alerts.yml");
        Map<String, Object> job = map(list(config.get("scrape_configs")).getFirst());
        assertThat(job).containsEntry("job_name", "anju").containsEntry("metrics_path", HttpApi.METRICS_PATH);
        assertThat(map(job.get("authorization"))).containsEntry("type", "Bearer");
    }

    /** The Prometheus names of every meter registered in the platform's and the gateway's sources. */
    static Set<String> exposedMetrics() {
        Set<String> names = new TreeSet<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    Matcher m = METER.matcher(DeployFiles.read(f));
                    while (m.find()) {
                        String kind = m.group(1) == null ? "Gauge" : m.group(1);
                        String base = (m.group(2) != null ? m.group(2) : m.group(3)).replace('.', '_');
                        switch (kind) {
                            case "Counter" -> names.add(base + "_total");
                            case "Timer" -> Stream.of("_count", "_sum", "_max", "_bucket")
                                    .forEach(s -> names.add(base + "_seconds" + s));
                            case "DistributionSummary" -> Stream.of("_count", "_sum", "_max", "_bucket")
                                    .forEach(s -> names.add(base + s));
                            default -> names.add(base);
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
