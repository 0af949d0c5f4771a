package org.anju.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Anju's version, as Maven recorded it in the built jar; the same for every module of one build.
 */
public final class Version {

    private static final String POM_PROPERTIES = "/META-INF/maven/org.anju/anju-device-protocol/pom.properties";

    private Version() {
    }

    /** Returns e.g. {@code anju 0.1.0-SNAPSHOT}, or {@code anju (development build)} when run from class folders. */
    public static String text() {
        try (InputStream in = Version.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "anju (development build)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return "anju " + properties.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "anju (unknown version)";
        }
    }
}
