package org.anju.protocol.catalogue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.DeviceType;
import org.anju.protocol.catalogue.firepanel.Gb26875Codes;

/**
 * Keeps {@code docs/device-catalogue.md} true: its examples are the example files, it shows
 * every valid example, and it names every metric, status key, event kind and GB/T 26875.3 code
 * name the catalogue produces.
 */
class DocumentationTest {

    // <!-- example: type/file.json --> or <!-- examples: a.json b.json --> right before a json block
    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- examples?: ([^>]+?) -->\\n```json\\n(.*?)\\n```", Pattern.DOTALL);
    // <!-- refused: type --> before a json block, "is answered" and a text block with the reason
    private static final Pattern REFUSED = Pattern.compile(
            "<!-- refused: (\\w+) -->\\n```json\\n(.*?)\\n```\\s+is answered\\s+```text\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern CONNECTOR = Pattern.compile("^connector\\.\\d+\\.");
    private static final Pattern COMPARTMENT = Pattern.compile("^compartment\\.[^.]+$");

    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        String root = System.getenv().getOrDefault("ANJU_REPO_ROOT", "..");
        doc = Files.readString(Path.of(root, "docs", "device-catalogue.md"), UTF_8);
    }

    @Test
    void everyExampleShownIsTheFileItNames() {
        List<Shown> shown = shownExamples();

        for (Shown block : shown) {
            List<JsonNode> documents = block.files().size() == 1
                    ? List.of(Examples.json(block.json()))
                    : block.json().lines().filter(l -> !l.isBlank()).map(Examples::json).toList();
            assertThat(documents).as("examples of %s", block.files()).hasSameSizeAs(block.files());
            for (int i = 0; i < block.files().size(); i++) {
                assertThat(documents.get(i)).as(block.files().get(i)).isEqualTo(file(block.files().get(i)).json());
            }
        }
        assertThat(shown).isNotEmpty();
    }

    @Test
    void everyRefusalShownIsAnInvalidCaseWithItsReason() {
        Matcher m = REFUSED.matcher(doc);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            DeviceType type = DeviceType.fromWireName(m.group(1)).orElseThrow();
            JsonNode payload = Examples.json(m.group(2));
            assertThat(Examples.invalid()).as("invalid case %s", payload)
                    .anyMatch(c -> c.type() == type && c.payload().equals(payload) && c.message().equals(m.group(3)));
        }
        assertThat(blocks).isPositive();
    }

    @Test
    void everyValidExampleIsShown() {
        Set<String> shown = new HashSet<>();
        shownExamples().forEach(block -> shown.addAll(block.files()));

        assertThat(shown).containsAll(Examples.valid().stream().map(Examples.Valid::toString).toList());
    }

    @Test
    void everyMetricStatusKeyAndKindIsDocumented() {
        DeviceCatalogue catalogue = DeviceCatalogue.standard();
        List<String> names = new ArrayList<>();
        for (Examples.Valid example : Examples.valid()) {
            DecodedMessage decoded = catalogue.decode(example.type(), example.message());
            decoded.points().stream().map(DataPoint::metric).forEach(names::add);
            names.addAll(decoded.status().keySet());
            decoded.events().stream().map(DeviceEvent::kind).forEach(names::add);
        }
        for (DeviceType type : DeviceType.values()) {
            names.addAll(catalogue.eventKinds(type));
            names.add(type.wireName());
        }

        for (String name : new HashSet<>(names)) {
            assertThat(doc).as("docs name %s", name).contains("`" + documented(name) + "`");
        }
    }

    @Test
    void everyGbT26875CodeNameIsDocumented() {
        Gb26875Codes.systemTypes().values().forEach(name -> assertThat(doc).contains("`" + name + "`"));
        Gb26875Codes.componentTypes().values().forEach(name -> assertThat(doc).contains("`" + name + "`"));
    }

    @Test
    void theRefusalListsAreNamed() {
        for (DeviceType type : DeviceType.values()) {
            assertThat(Examples.root().resolve(type.wireName()).resolve("invalid.json")).exists();
        }
        assertThat(doc).contains("`invalid.json`");
    }

    /** An example block of the doc: the files it shows and its JSON text. */
    private record Shown(List<String> files, String json) {
    }

    private static List<Shown> shownExamples() {
        List<Shown> shown = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            shown.add(new Shown(List.of(m.group(1).trim().split("\\s+")), m.group(2)));
        }
        return shown;
    }

    /** Writes per-connector and per-compartment names the way the docs do. */
    private static String documented(String name) {
        String connector = CONNECTOR.matcher(name).replaceFirst("connector.<n>.");
        return COMPARTMENT.matcher(connector).replaceFirst("compartment.<id>");
    }

    private static Examples.Valid file(String path) {
        String[] parts = path.split("/", 2);
        DeviceType type = DeviceType.fromWireName(parts[0]).orElseThrow(() -> new AssertionError("no type in " + path));
        return Examples.valid(type, parts[1]);
    }
}
