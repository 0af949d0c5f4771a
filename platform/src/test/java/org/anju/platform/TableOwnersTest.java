package org.anju.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each table has one owner: the capability package (with its sub-packages) whose SQL reads and
 * writes it; every other package goes through the owner's API. The owners are the table of
 * {@code docs/storage.md} ("Table owners"), so the documentation and this check cannot drift
 * apart; the tables are those the Flyway migrations create.
 * <p>
 * SQL is found in the string literals and text blocks of the platform's main sources: a table
 * named after an upper-case {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE},
 * {@code TABLE}, {@code USING}, {@code COPY} or {@code TRUNCATE}, or quoted as a name
 * ({@code 'device_events'}). A table name assembled at run time is not seen; those stay inside
 * their owner (the rollup tables, named by {@code storage.rollup.RollupTables}).
 */
class TableOwnersTest {

    private static final Path SOURCES = Path.of("src/main/java/org/anju/platform");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path OWNERS_DOC = Path.of("../docs/storage.md");
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");
    private static final Pattern AFTER_KEYWORD = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|USING|COPY|TRUNCATE)\\s+(?:ONLY\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern QUOTED_NAME = Pattern.compile("'([a-z_][a-z0-9_]*)'");
    private static final Pattern SQL_STATEMENT = Pattern.compile("\\b(?:SELECT|INSERT|UPDATE|DELETE|COPY|CALL|CREATE|ALTER|LOCK|TRUNCATE)\\b");
    private static final Pattern OWNER_ROW = Pattern.compile("^\\|\\s*`([a-z]+)`\\s*\\|([^|]*)\\|");
    private static final Pattern TICKED = Pattern.compile("`([a-z_][a-z0-9_]*)`");

    @Test
    void everyTableHasExactlyOneOwnerInTheDocs() {
        Map<String, List<String>> ownersOf = new TreeMap<>();
        ownersDocumented().forEach((owner, tables) -> tables.forEach(
                table -> ownersOf.computeIfAbsent(table, t -> new ArrayList<>()).add(owner)));

        assertThat(ownersOf.keySet()).as("tables in the owner map of docs/storage.md vs. the migrations")
                .containsExactlyInAnyOrderElementsOf(tablesMigrated());
        assertThat(ownersOf).as("tables with more than one owner")
                .allSatisfy((table, owners) -> assertThat(owners).as(table).hasSize(1));
        assertThat(ownersDocumented().keySet()).as("every owner is a package of the platform")
                .allSatisfy(owner -> assertThat(SOURCES.resolve(owner)).isDirectory());
    }

    @Test
    void noPackageNamesAnotherOwnersTableInItsSql() {
        Map<String, String> owner = new HashMap<>();
        ownersDocumented().forEach((pkg, tables) -> tables.forEach(table -> owner.put(table, pkg)));
        Map<String, Set<String>> violations = new TreeMap<>();
        tablesNamedBySql(owner.keySet()).forEach((file, tables) -> {
            String pkg = capability(file);
            for (String table : tables) {
                if (!pkg.equals(owner.get(table))) {
                    violations.computeIfAbsent(pkg, p -> new TreeSet<>())
                            .add(SOURCES.relativize(file) + " names " + table + " (owner: " + owner.get(table) + ")");
                }
            }
        });

        assertThat(violations).as("SQL naming another capability's table: use the owner's API instead").isEmpty();
    }

    @Test
    void theScanFindsTablesInLiteralsAndTextBlocksButNotInComments() {
        String source = """
                // SELECT * FROM commented
                /* DELETE FROM commented */
                String a = "SELECT id FROM devices d JOIN communities c ON c.id = d.community_id";
                String b = \"""
                        INSERT INTO alerts AS a (x) VALUES (?)\""";
                String c = "SELECT create_hypertable('telemetry', 'ts')";
                String d = "take them from the shelf"; // lower-case prose is not SQL
                String e = "'devices' must be a list"; // nor is a quoted field name in a message
                """;

        assertThat(tablesIn(source, Set.of("devices", "communities", "alerts", "telemetry", "commented", "the")))
                .containsExactlyInAnyOrder("devices", "communities", "alerts", "telemetry");
        assertThat(tablesIn("String e = \"'devices' must be a list\";", Set.of("devices"))).isEmpty();
    }

    /** Returns, per owner package (relative to {@code org.anju.platform}), the tables docs/storage.md gives it. */
    private static Map<String, Set<String>> ownersDocumented() {
        Map<String, Set<String>> owners = new TreeMap<>();
        boolean inSection = false;
        for (String line : lines(OWNERS_DOC)) {
            if (line.startsWith("#")) {
                inSection = line.matches("#+\\s+Table owners\\s*");
                continue;
            }
            Matcher row = OWNER_ROW.matcher(line);
            if (inSection && row.find()) {
                Matcher table = TICKED.matcher(row.group(2));
                while (table.find()) {
                    owners.computeIfAbsent(row.group(1), o -> new TreeSet<>()).add(table.group(1));
                }
            }
        }
        assertThat(owners).as("the 'Table owners' table of docs/storage.md").isNotEmpty();
        return owners;
    }

    private static Set<String> tablesMigrated() {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            files.filter(f -> f.toString().endsWith(".sql")).forEach(f -> {
                Matcher m = CREATE_TABLE.matcher(String.join("\n", lines(f)));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static Map<Path, Set<String>> tablesNamedBySql(Set<String> tables) {
        Map<Path, Set<String>> named = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> {
                        Set<String> found = tablesIn(String.join("\n", lines(f)), tables);
                        if (!found.isEmpty()) {
                            named.put(f, found);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(named).as("the scan found SQL at all").isNotEmpty();
        return named;
    }

    /** Returns the known tables that the SQL in the source's string literals names. */
    static Set<String> tablesIn(String source, Set<String> tables) {
        Set<String> found = new TreeSet<>();
        for (String literal : JavaLiterals.of(source)) {
            // a quoted name is a table only in SQL ('device_events'::regclass); elsewhere it is prose ("'devices' must be a list")
            List<Pattern> patterns = SQL_STATEMENT.matcher(literal).find() ? List.of(AFTER_KEYWORD, QUOTED_NAME)
                    : List.of(AFTER_KEYWORD);
            for (Pattern p : patterns) {
                Matcher m = p.matcher(literal);
                while (m.find()) {
                    if (tables.contains(m.group(1))) {
                        found.add(m.group(1));
                    }
                }
            }
        }
        return found;
    }

    /** The capability a source file belongs to: its first package below {@code org.anju.platform} ("" for the root). */
    private static String capability(Path file) {
        Path relative = SOURCES.relativize(file);
        return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
