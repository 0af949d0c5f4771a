package org.anju.platform.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The alert rules stay pure: their compiled classes reference no JDBC, no store and no other
 * platform package than the two records they read; only the engine's API is public.
 */
class RulePackageBoundaryTest {

    private static final String PACKAGE = "org/anju/platform/alerts/rules/";
    /** The records the rules read, from the capabilities that produce them. */
    private static final Set<String> INPUTS = Set.of("org/anju/platform/ingest/CommittedMessage",
            "org/anju/platform/presence/PresenceChange");
    private static final List<String> ALLOWED_PREFIXES = List.of(PACKAGE, "java/lang/", "java/util/", "java/time/",
            "java/io/", "com/fasterxml/jackson/databind/", "org/anju/protocol/");
    private static final Pattern JDBC = Pattern.compile("javax?[./]sql[./]");
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([A-Za-z0-9_/$]+);");

    @Test
    void rulesReferenceNoJdbcNoStoreAndNoOtherPlatformPackage() throws IOException, URISyntaxException {
        List<Path> classes = ruleClasses();
        assertThat(classes).extracting(p -> p.getFileName().toString())
                .as("the scan sees the rules")
                .contains("RuleBook.class", "RuleInput.class", "SmokeDetectorRules.class", "ElevatorRules.class",
                        "FirePanelRules.class", "CameraRules.class", "ChargerRules.class", "LockerRules.class");
        Set<String> referenced = new TreeSet<>();
        for (Path c : classes) {
            try (InputStream in = Files.newInputStream(c)) {
                ConstantPool pool = ConstantPool.read(in);
                assertThat(pool.strings()).as("constants of %s", c.getFileName())
                        .noneMatch(s -> JDBC.matcher(s).find());
                referenced.addAll(pool.classNames());
            }
        }
        assertThat(referenced).as("types the rules use")
                .allMatch(name -> INPUTS.contains(name) || ALLOWED_PREFIXES.stream().anyMatch(name::startsWith))
                .contains("org/anju/platform/ingest/CommittedMessage");
        for (String input : INPUTS) {
            try (InputStream in = RuleBook.class.getResourceAsStream("/" + input + ".class")) {
                assertThat(in).as(input).isNotNull();
                assertThat(ConstantPool.read(in).strings()).as("constants of %s", input)
                        .noneMatch(s -> JDBC.matcher(s).find());
            }
        }
    }

    @Test
    void onlyTheEngineApiIsPublic() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> publicTypes = new TreeSet<>();
        for (Path c : ruleClasses()) {
            String name = c.getFileName().toString().replace(".class", "");
            Class<?> type = Class.forName("org.anju.platform.alerts.rules." + name);
            if (Modifier.isPublic(type.getModifiers())) {
                publicTypes.add(name);
            }
        }
        assertThat(publicTypes).containsExactly("RuleBook", "RuleSettings", "Severity", "Signal", "Signal$Action");
    }

    private static List<Path> ruleClasses() throws IOException, URISyntaxException {
        Path dir = Path.of(RuleBook.class.getResource("RuleBook.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    /** The constant pool of a class file (JVMS §4.4): its strings and the classes it names. */
    private record ConstantPool(List<String> strings, Set<String> classNames) {

        static ConstantPool read(InputStream raw) throws IOException {
            DataInputStream in = new DataInputStream(raw);
            assertThat(in.readInt()).as("class file magic").isEqualTo(0xCAFEBABE);
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classIndexes = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classIndexes.add(in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++; // a long or double takes two entries
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
                }
            }
            List<String> strings = Stream.of(utf8).filter(s -> s != null).toList();
            Set<String> names = new TreeSet<>();
            for (int index : classIndexes) {
                String name = utf8[index];
                if (name.startsWith("[")) {
                    addDescriptorTypes(name, names);
                } else {
                    names.add(name);
                }
            }
            // field and method descriptors and generic signatures name the types of parameters and fields
            strings.forEach(s -> addDescriptorTypes(s, names));
            return new ConstantPool(strings, names);
        }

        private static void addDescriptorTypes(String descriptor, Set<String> names) {
            Matcher m = DESCRIPTOR_TYPE.matcher(descriptor);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
    }
}
