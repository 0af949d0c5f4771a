package org.anju.simulator.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.anju.simulator.incident.IncidentKind;

/**
 * Reads scenario files strictly: an unknown key, a bad duration, an unknown incident kind or
 * device type, a step out of order… each fails with the file and the line of the mistake.
 */
public final class ScenarioParser {

    private static final Set<String> SCENARIO_KEYS = Set.of("name", "description", "steps");
    private static final Set<String> STEP_KEYS = Set.of("at", "incident", "target", "duration", "params", "spread",
            "expect");
    private static final Set<String> SPREAD_KEYS = Set.of("to", "every", "floors");
    private static final Set<String> TARGET_KEYS;
    private static final Set<String> EXPECTATION_KINDS = Set.of("event", "offline", "online", "alert", "forecast",
            "workOrder");
    private static final Set<String> SEVERITIES = Set.of("critical", "major", "minor", "warning", "info");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern ALERT_TYPE = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");
    private static final Duration LONGEST = Duration.ofDays(7);

    static {
        java.util.Set<String> keys = new java.util.HashSet<>(Set.of("device", "building", "floor", "type"));
        keys.addAll(TargetSelector.SHORT_NAMES.keySet());
        TARGET_KEYS = Set.copyOf(keys);
    }

    private ScenarioParser() {
    }

    /** Reads a scenario file. */
    public static Scenario parse(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(file.getFileName().toString(), reader);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 0, "cannot be read: " + e.getMessage());
        }
    }

    /** Reads a scenario from text; {@code source} names it in errors. */
    public static Scenario parse(String source, String yaml) {
        return parse(source, new StringReader(yaml));
    }

    static Scenario parse(String source, Reader reader) {
        YamlNode root = YamlNode.read(source, reader).map("a scenario", SCENARIO_KEYS);
        String name = root.required("name", "a scenario").text("name");
        if (!NAME.matcher(name).matches()) {
            throw root.get("name").error("name '" + name + "' must be lower-case letters, digits, _ and - (at most 64)");
        }
        String description = root.required("description", "a scenario").text("description");
        List<YamlNode> stepNodes = root.required("steps", "a scenario").list("steps");
        if (stepNodes.isEmpty()) {
            throw root.get("steps").error("steps must list at least one step");
        }
        List<Step> steps = new ArrayList<>();
        for (YamlNode node : stepNodes) {
            Step step = step(source, node);
            if (!steps.isEmpty() && step.at().compareTo(steps.getLast().at()) < 0) {
                throw node.get("at").error("steps must be in time order: +" + Durations.format(step.at())
                        + " comes after +" + Durations.format(steps.getLast().at()));
            }
            steps.add(step);
        }
        return new Scenario(name, description, steps);
    }

    private static Step step(String source, YamlNode node) {
        node.map("a step", STEP_KEYS);
        Duration at = bounded(node.required("at", "a step"), "at");
        YamlNode kindNode = node.required("incident", "a step");
        IncidentKind kind = incidentKind(kindNode);
        TargetSelector target = target(source, node.required("target", "a step"));
        Duration duration = node.get("duration") == null ? Duration.ZERO : bounded(node.get("duration"), "duration");
        Map<String, String> params = params(node.get("params"));
        Step.Spread spread = node.get("spread") == null ? null : spread(node.get("spread"));
        if (spread != null && target.floor() == null) {
            throw node.get("spread").error("spread needs a target on one floor (give 'floor')");
        }
        List<Expectation> expect = new ArrayList<>();
        if (node.get("expect") != null) {
            for (YamlNode e : node.get("expect").list("expect")) {
                expect.add(expectation(source, e, target));
            }
        }
        return new Step(at, kind, target, duration, params, spread, expect, node.line());
    }

    private static IncidentKind incidentKind(YamlNode node) {
        String text = node.text("incident");
        try {
            return IncidentKind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw node.error("unknown incident '" + text + "' (known: " + String.join(", ",
                    java.util.Arrays.stream(IncidentKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList())
                    + ")");
        }
    }

    static TargetSelector target(String source, YamlNode node) {
        node.map("a target", TARGET_KEYS);
        if (node.keys().isEmpty()) {
            throw node.error("a target needs at least one of: " + String.join(", ", TARGET_KEYS.stream().sorted().toList()));
        }
        String device = node.get("device") == null ? null : node.get("device").text("device");
        String building = node.get("building") == null ? null : node.get("building").text("building");
        Integer floor = node.get("floor") == null ? null : node.get("floor").integer("floor", -10, 200);
        String type = null;
        if (node.get("type") != null) {
            type = node.get("type").text("type");
            if (!TargetSelector.TYPES.contains(type)) {
                throw node.get("type").error("unknown device type '" + type + "' (known: "
                        + String.join(", ", TargetSelector.TYPES.stream().sorted().toList()) + ")");
            }
        }
        Integer number = null;
        for (Map.Entry<String, String> shortName : TargetSelector.SHORT_NAMES.entrySet()) {
            YamlNode n = node.get(shortName.getKey());
            if (n != null) {
                if (type != null && !type.equals(shortName.getValue()) || number != null) {
                    throw n.error("'" + shortName.getKey() + "' names another device type than the rest of the target");
                }
                type = shortName.getValue();
                number = n.integer(shortName.getKey(), 1, 100_000);
            }
        }
        return new TargetSelector(device, building, floor, type, number, source, node.line());
    }

    private static Step.Spread spread(YamlNode node) {
        node.map("spread", SPREAD_KEYS);
        String to = node.required("to", "spread").text("to");
        if (!to.equals("neighbours")) {
            throw node.get("to").error("spread 'to' must be 'neighbours' (the floors above and below), not '" + to + "'");
        }
        Duration every = bounded(node.required("every", "spread"), "every");
        if (every.isZero()) {
            throw node.get("every").error("spread 'every' must be longer than 0");
        }
        int floors = node.get("floors") == null ? 1 : node.get("floors").integer("floors", 1, 50);
        return new Step.Spread(every, floors);
    }

    private static Expectation expectation(String source, YamlNode node, TargetSelector stepTarget) {
        if (!node.isMap()) {
            throw node.error("an expectation must be a map, e.g. {event: alarm, within: 10s}");
        }
        List<String> kinds = node.keys().stream().filter(EXPECTATION_KINDS::contains).toList();
        if (kinds.size() != 1) {
            throw node.error("an expectation names exactly one of: event, offline, online, alert, forecast, workOrder");
        }
        String kind = kinds.getFirst();
        Set<String> allowed = switch (kind) {
            case "event" -> Set.of("event", "from", "within");
            case "alert" -> Set.of("alert", "severity", "from", "within");
            case "forecast", "workOrder" -> Set.of(kind, "from", "within");
            default -> Set.of(kind, "within");
        };
        node.map("an expectation of " + kind, allowed);
        Duration within = bounded(node.required("within", "an expectation"), "within");
        TargetSelector from = node.get("from") == null ? stepTarget : target(source, node.get("from"));
        int line = node.line();
        return switch (kind) {
            case "event" -> new Expectation.Event(matching(node.get("event"), KIND, "event kind"), from, within, line);
            case "alert" -> new Expectation.Alert(matching(node.get("alert"), ALERT_TYPE, "alert type"),
                    severity(node.get("severity")), from, within, line);
            case "forecast" -> new Expectation.Forecast(matching(node.get("forecast"), KIND, "forecast subject"), from,
                    within, line);
            case "workOrder" -> new Expectation.WorkOrder(matching(node.get("workOrder"), KIND, "work order source"),
                    from, within, line);
            case "offline" -> new Expectation.Offline(deviceSet(source, node.get("offline"), stepTarget), within, line);
            default -> new Expectation.Online(deviceSet(source, node.get("online"), stepTarget), within, line);
        };
    }

    /** {@code offline: target} means the step's target; a map is a target of its own. */
    private static TargetSelector deviceSet(String source, YamlNode node, TargetSelector stepTarget) {
        if (node.isMap()) {
            return target(source, node);
        }
        if ("target".equals(node.scalar())) {
            return stepTarget;
        }
        throw node.error("write 'target' (the step's target) or a target map such as {camera: 2}");
    }

    private static String severity(YamlNode node) {
        if (node == null) {
            return null;
        }
        String s = node.text("severity");
        if (!SEVERITIES.contains(s)) {
            throw node.error("unknown severity '" + s + "' (known: critical, major, minor, warning, info)");
        }
        return s;
    }

    private static String matching(YamlNode node, Pattern pattern, String what) {
        String text = node.text(what);
        if (!pattern.matcher(text).matches()) {
            throw node.error(what + " '" + text + "' is not valid: lower-case letters, digits and _");
        }
        return text;
    }

    private static Map<String, String> params(YamlNode node) {
        return node == null ? Map.of() : node.texts("params");
    }

    private static Duration bounded(YamlNode node, String what) {
        Duration d = Durations.read(node, what);
        if (d.compareTo(LONGEST) > 0) {
            throw node.error(what + " " + Durations.format(d) + " is longer than a week");
        }
        return d;
    }
}
