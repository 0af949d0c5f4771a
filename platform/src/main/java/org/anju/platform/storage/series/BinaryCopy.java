package org.anju.platform.storage.series;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;

import org.postgresql.copy.CopyManager;

/**
 * Builds a PostgreSQL binary {@code COPY} stream (the format of {@code COPY ... FROM STDIN
 * (FORMAT BINARY)}): a header, one tuple per row, a trailer. Public for bulk loaders (the
 * benchmark's prefill) that write like ingest does.
 */
public final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    // PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final byte JSONB_VERSION = 1;

    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;
    private int rows;

    /** Starts a stream; {@code expectedRows} only sizes the first buffer. */
    public BinaryCopy(int expectedRows) {
        bytes = new ByteArrayOutputStream(64 + expectedRows * 48);
        out = new DataOutputStream(bytes);
        try {
            out.write(SIGNATURE);
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a row of {@code columns} fields; write exactly that many next. */
    public BinaryCopy startRow(int columns) {
        rows++;
        return write(() -> out.writeShort(columns));
    }

    /** Writes a {@code timestamptz} (PostgreSQL keeps microseconds: finer digits are cut), or NULL for null. */
    public BinaryCopy timestamptz(Instant ts) {
        if (ts == null) {
            return nullValue();
        }
        long micros = (ts.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + ts.getNano() / 1_000;
        return write(() -> {
            out.writeInt(8);
            out.writeLong(micros);
        });
    }

    /** Writes a {@code text} in UTF-8, or NULL for null. */
    public BinaryCopy text(String value) {
        if (value == null) {
            return nullValue();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return write(() -> {
            out.writeInt(utf8.length);
            out.write(utf8);
        });
    }

    /** Writes a {@code float8}. */
    public BinaryCopy float8(double value) {
        return write(() -> {
            out.writeInt(8);
            out.writeDouble(value);
        });
    }

    /** Writes an {@code integer}. */
    public BinaryCopy int4(int value) {
        return write(() -> {
            out.writeInt(4);
            out.writeInt(value);
        });
    }

    /** Writes a {@code bigint}. */
    public BinaryCopy int8(long value) {
        return write(() -> {
            out.writeInt(8);
            out.writeLong(value);
        });
    }

    /** Writes a {@code jsonb} from its text, or NULL for null. */
    public BinaryCopy jsonb(String json) {
        if (json == null) {
            return nullValue();
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        return write(() -> {
            out.writeInt(utf8.length + 1);
            out.writeByte(JSONB_VERSION);
            out.write(utf8);
        });
    }

    /** Writes a NULL field. */
    public BinaryCopy nullValue() {
        return write(() -> out.writeInt(-1));
    }

    /** Returns the rows started so far. */
    public int rows() {
        return rows;
    }

    /** Ends the stream and returns it whole. */
    public byte[] finish() {
        write(() -> out.writeShort(-1));
        return bytes.toByteArray();
    }

    /** Ends the stream and sends it with {@code sql} (a {@code COPY … FROM STDIN (FORMAT BINARY)}); nothing when empty. */
    public void copyInto(CopyManager copy, String sql) throws SQLException {
        if (rows == 0) {
            return;
        }
        try {
            copy.copyIn(sql, new ByteArrayInputStream(finish()));
        } catch (IOException e) {
            throw new SQLException("COPY stream failed: " + e.getMessage(), e);
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private BinaryCopy write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            // a ByteArrayOutputStream does not fail
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
