package org.anju.platform.deploy;

import static org.anju.platform.deploy.DeployFiles.DEPLOY;
import static org.anju.platform.deploy.DeployFiles.effective;
import static org.anju.platform.deploy.DeployFiles.list;
import static org.anju.platform.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.anju.platform.api.HttpApi;

/**
 * The deployment files under {@code deploy/} (nothing here can run Docker, Kubernetes or systemd):
 * parsed, and checked against the code: every {@code ANJU_*} variable is one the configuration
 * loader reads; ports are the ones the processes listen on (their variable, else the default);
 * probes and health checks ask the health paths of the HTTP API; Anju's images are the ones the
 * Dockerfiles build, at the project's version.
 */
class DeploymentFilesTest {

    private static final Set<String> ENV_NAMES = DeployFiles.environmentNames();
    private static final String VERSION = DeployFiles.version();
    private static final Set<String> ANJU_IMAGES = Set.of("anju/platform", "anju/gateway");

    @Test
    void composeServicesUseTheSettingsPortsHealthPathAndImagesOfTheCode() {
        for (String file : List.of("compose.yaml", "compose.scale-out.yaml")) {
            Map<String, Object> services = map(DeployFiles.yamlDocuments(DEPLOY.resolve("compose/" + file)).getFirst()
                    .get("services"));
            assertThat(services).as(file).containsKey("timescaledb");
            services.forEach((name, node) -> {
                Map<String, Object> service = map(node);
                String image = String.valueOf(service.get("image"));
                if (!image.startsWith("anju/")) {
                    return;
                }
                String what = file + " service " + name;
                assertThat(image).as(what).isIn(ANJU_IMAGES.stream()
                        .map(i -> i + ":${ANJU_VERSION:-" + VERSION + "}").toList());
                Map<String, String> env = stringMap(service.get("environment"));
                assertKnownSettings(env.keySet(), what);
                String http = effective(env, "http.port");
                assertThat(String.valueOf(map(service.get("healthcheck")).get("test")))
                        .as(what + " health check").contains("/dev/tcp/127.0.0.1/" + http + " ")
                        .contains("GET " + HttpApi.READY_PATH + " ");
                Set<String> targets = list(service.get("ports")).stream()
                        .map(p -> String.valueOf(p).substring(String.valueOf(p).lastIndexOf(':') + 1))
                        .collect(Collectors.toSet());
                assertThat(Set.of(http, effective(env, "mqtt.port"), effective(env, "mqtt.tls.port")))
                        .as(what + ": published ports are ports the process listens on").containsAll(targets);
            });
        }
        assertThat(map(map(DeployFiles.yamlDocuments(DEPLOY.resolve("compose/compose.scale-out.yaml")).getFirst()
                .get("services")).get("kafka")).get("image")).as("Kafka in KRaft mode").asString().startsWith("apache/kafka:4.");
    }

    @Test
    void kubernetesDeploymentsProbeTheHealthPathsOnTheHttpPortWithSettingsOfTheCode() {
        Map<String, String> config = stringMap(manifest("configmap.yaml", "ConfigMap").get("data"));
        Map<String, String> secrets = stringMap(manifest("secret.example.yaml", "Secret").get("stringData"));
        assertKnownSettings(config.keySet(), "ConfigMap anju-config");
        assertKnownSettings(secrets.keySet(), "Secret anju-secrets");
        assertThat(secrets).as("secrets stay out of the ConfigMap")
                .containsKeys("ANJU_DB_PASSWORD", "ANJU_SECURITY_JWT_SECRET", "ANJU_HTTP_METRICS_TOKEN");

        for (String file : List.of("platform.yaml", "gateway.yaml")) {
            Map<String, Object> pod = map(map(manifest(file, "Deployment").get("spec")).get("template"));
            Map<String, Object> container = map(list(map(pod.get("spec")).get("containers")).getFirst());
            Map<String, String> env = new HashMap<>(config);
            env.putAll(secrets);
            list(container.get("env")).forEach(e -> env.put(String.valueOf(map(e).get("name")),
                    String.valueOf(map(e).get("value"))));
            assertKnownSettings(env.keySet().stream().filter(n -> !n.equals("JAVA_TOOL_OPTIONS")).toList(), file);
            assertThat(String.valueOf(container.get("image"))).as(file).isIn(ANJU_IMAGES.stream()
                    .map(i -> i + ":" + VERSION).toList());

            Map<String, String> ports = list(container.get("ports")).stream().map(DeployFiles::map).collect(
                    Collectors.toMap(p -> String.valueOf(p.get("name")), p -> String.valueOf(p.get("containerPort"))));
            assertThat(ports).as(file).containsEntry("http", effective(env, "http.port"));
            if (ports.containsKey("mqtt")) {
                assertThat(ports).as(file).containsEntry("mqtt", effective(env, "mqtt.port"))
                        .containsEntry("mqtts", effective(env, "mqtt.tls.port"));
            }
            assertThat(probe(container, "livenessProbe")).as(file).containsEntry("path", HttpApi.LIVE_PATH)
                    .containsEntry("port", "http");
            assertThat(probe(container, "readinessProbe")).as(file).containsEntry("path", HttpApi.READY_PATH)
                    .containsEntry("port", "http");
            assertThat(map(container.get("resources"))).as(file + " resources").containsKeys("requests", "limits");
            assertThat(map(map(pod.get("spec")).get("securityContext"))).as(file).containsEntry("runAsNonRoot", true);
            assertThat(map(pod.get("metadata")).get("annotations")).as(file + " scrape path").asString()
                    .contains("prometheus.io/path=" + HttpApi.METRICS_PATH);
        }
    }

    @Test
    void honoValuesUseKafkaMessagingAndHonosMqttAdapter() {
        Map<String, Object> values = DeployFiles.yamlDocuments(DEPLOY.resolve("k8s/hono-values.yaml")).getFirst();
        assertThat(list(values.get("messagingNetworkTypes"))).containsExactly("kafka");
        assertThat(map(values.get("amqpMessagingNetworkExample"))).containsEntry("enabled", false);
        assertThat(map(map(values.get("adapters")).get("mqtt"))).containsEntry("enabled", true);
        assertThat(values.get("honoImagesTag")).isEqualTo("2.6.0");
    }

    @Test
    void systemdUnitsRunTheDistributionAsAnUnprivilegedHardenedService() {
        for (String unit : List.of("anju-platform.service", "anju-gateway.service")) {
            Map<String, List<Map.Entry<String, String>>> sections = DeployFiles.systemdUnit(DEPLOY.resolve("systemd/" + unit));
            assertThat(sections).as(unit).containsKeys("Unit", "Service", "Install");
            Map<String, String> service = sections.get("Service").stream()
                    .filter(e -> !e.getKey().equals("Environment"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(service).as(unit).containsEntry("ExecStart", "/opt/anju/anju run")
                    .containsEntry("User", "anju").containsEntry("NoNewPrivileges", "yes")
                    .containsEntry("ProtectSystem", "strict").containsEntry("ProtectHome", "yes")
                    .containsEntry("PrivateTmp", "yes").containsEntry("CapabilityBoundingSet", "")
                    .containsKeys("EnvironmentFile", "ReadWritePaths", "RestrictAddressFamilies");
            List<String> env = sections.get("Service").stream().filter(e -> e.getKey().equals("Environment"))
                    .map(e -> e.getValue().substring(0, e.getValue().indexOf('='))).toList();
            assertKnownSettings(env, unit);
        }
        assertKnownSettings(DeployFiles.envFile(DEPLOY.resolve("systemd/anju.env.example")).keySet(), "anju.env.example");
    }

    @Test
    void dockerfilesBuildNonRootImagesFromTheDistributionTarball() {
        for (String image : List.of("platform", "gateway")) {
            Path file = DEPLOY.resolve("docker/" + image + ".Dockerfile");
            List<String[]> instructions = DeployFiles.dockerfile(file);
            Map<String, String> last = instructions.stream().collect(Collectors.toMap(i -> i[0], i -> i[1], (a, b) -> b));
            assertThat(last.get("FROM")).as(file + ": a JRE 21+ is all the distribution needs")
                    .matches("eclipse-temurin:(2[1-9]|[3-9]\\d)-jre");
            assertThat(last.get("ARG")).isEqualTo("ANJU_VERSION=" + VERSION);
            assertThat(last.get("ADD")).isEqualTo("target/anju-${ANJU_VERSION}.tar.gz /opt/");
            assertThat(last.get("USER")).as(file.toString()).doesNotStartWith("root").doesNotStartWith("0");
            assertThat(last.get("ENTRYPOINT")).isEqualTo("[\"/opt/anju/anju\", \"run\"]");
            assertThat(last.get("LABEL")).contains("org.opencontainers.image.title=\"anju-" + image + "\"");
            Map<String, String> env = new HashMap<>();
            for (String[] i : instructions) {
                if (i[0].equals("ENV")) {
                    for (String pair : i[1].split("\\s+")) {
                        env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                    }
                }
            }
            assertKnownSettings(env.keySet(), file.toString());
            assertThat(Set.of(last.get("EXPOSE").split("\\s+"))).as(file + " EXPOSE").containsExactlyInAnyOrder(
                    effective(env, "http.port"), effective(env, "mqtt.port"), effective(env, "mqtt.tls.port"));
        }
    }

    private static void assertKnownSettings(java.util.Collection<String> names, String where) {
        assertThat(names.stream().filter(n -> n.startsWith("ANJU_")).toList())
                .as(where + ": ANJU_* variables the configuration loader reads").isSubsetOf(ENV_NAMES);
    }

    /** The one document of {@code deploy/k8s/<file>} of the given kind. */
    private static Map<String, Object> manifest(String file, String kind) {
        return DeployFiles.yamlDocuments(DEPLOY.resolve("k8s/" + file)).stream()
                .filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow(() -> new AssertionError(file + " has no " + kind));
    }

    private static Map<String, String> probe(Map<String, Object> container, String kind) {
        return stringMap(map(container.get(kind)).get("httpGet"));
    }

    private static Map<String, String> stringMap(Object node) {
        return map(node).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }
}
