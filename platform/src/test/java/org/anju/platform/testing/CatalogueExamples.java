package org.anju.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The device catalogue's example payloads ({@code device-protocol/src/test/resources/examples/<type>/}),
 * the same files docs/device-catalogue.md shows, so that platform tests feed what devices send.
 */
public final class CatalogueExamples {

    // tests run in the platform module's folder
    private static final Path ROOT = Path.of("..", "device-protocol", "src", "test", "resources", "examples");

    private CatalogueExamples() {
    }

    /** Returns an example, e.g. {@code example("smoke_detector", "event-alarm")}. */
    public static String example(String type, String name) {
        try {
            return Files.readString(ROOT.resolve(type).resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("no catalogue example " + type + "/" + name, e);
        }
    }
}
