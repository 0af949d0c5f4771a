package org.anju.bench.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh database for one benchmark run, created on the given server next to the database its
 * URL names, so that runs never measure each other's leftovers.
 */
record BenchDatabase(String serverUrl, String name, String url) {

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    /** Creates {@code <prefix>_<epoch seconds>} on the server of {@code serverUrl}. */
    static BenchDatabase create(String serverUrl, String prefix) throws SQLException {
        Matcher m = JDBC_URL.matcher(serverUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("--db-url must look like jdbc:postgresql://host:port/db?user=..: " + serverUrl);
        }
        String name = prefix + "_" + System.currentTimeMillis() / 1000;
        execute(serverUrl, "CREATE DATABASE " + name);
        return new BenchDatabase(serverUrl, name, m.group(1) + name + (m.group(3) == null ? "" : m.group(3)));
    }

    void drop() throws SQLException {
        execute(serverUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
