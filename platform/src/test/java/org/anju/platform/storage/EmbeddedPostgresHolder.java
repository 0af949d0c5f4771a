package org.anju.platform.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A process that starts the embedded database over a folder, writes a row, says so, and waits to
 * be killed: {@link EmbeddedPostgresIT} kills it with SIGKILL to leave its server behind. It waits
 * on its standard input, which the test holds open, so that it also ends if the test's JVM does.
 * <p>
 * Arguments: data folder, password file.
 */
public final class EmbeddedPostgresHolder {

    private EmbeddedPostgresHolder() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.start(Path.of(args[0]), 0, DatabaseProvisioner.binariesDir(),
                Path.of(args[1]));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), EmbeddedPostgres.SUPERUSER,
                server.password()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (note text)");
            s.execute("INSERT INTO kept VALUES ('written before the kill')");
        }
        System.out.println("ready port=" + server.port());
        System.out.flush();
        while (System.in.read() != -1) {
            // nothing is sent: the test ends this process with SIGKILL, or closes the input by ending
        }
    }
}
