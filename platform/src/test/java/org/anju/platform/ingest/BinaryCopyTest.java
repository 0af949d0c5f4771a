package org.anju.platform.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The binary COPY stream, read back as PostgreSQL reads it (the {@code COPY ... FROM STDIN (FORMAT
 * BINARY)} file format): header, tuples of length-prefixed fields (-1 for NULL), trailer; and each
 * field decoded by its type's binary receive function.
 */
class BinaryCopyTest {

    private static final Instant PG_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    void anEmptyStreamIsAHeaderAndATrailer() throws IOException {
        BinaryCopy copy = new BinaryCopy(0);
        assertThat(copy.rows()).isZero();
        assertThat(read(copy.finish())).isEmpty();
    }

    @Test
    void aRowOfEveryTypeReadsBack() throws IOException {
        Instant ts = Instant.parse("2026-11-29T08:00:00.123456Z");
        byte[] stream = new BinaryCopy(1).startRow(4).timestamptz(ts).text("dev-1").float8(21.5)
                .jsonb("{\"kind\": \"alarm\"}").finish();

        List<byte[][]> rows = read(stream);
        assertThat(rows).hasSize(1);
        byte[][] row = rows.getFirst();
        assertThat(timestamptz(row[0])).isEqualTo(ts);
        assertThat(text(row[1])).isEqualTo("dev-1");
        assertThat(float8(row[2])).isEqualTo(21.5);
        assertThat(row[3][0]).as("jsonb binary format version").isEqualTo((byte) 1);
        assertThat(new String(row[3], 1, row[3].length - 1, UTF_8)).isEqualTo("{\"kind\": \"alarm\"}");
    }

    @Test
    void timestampsCountMicrosecondsFromThe2000Epoch() throws IOException {
        List<Instant> times = List.of(PG_EPOCH, Instant.parse("2000-01-01T00:00:00.000001Z"),
                Instant.parse("1999-12-31T23:59:59.999999Z"), Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2262-04-11T23:47:16.854775Z"));
        BinaryCopy copy = new BinaryCopy(times.size());
        times.forEach(t -> copy.startRow(1).timestamptz(t));
        List<byte[][]> rows = read(copy.finish());

        assertThat(rows).extracting(r -> timestamptz(r[0])).containsExactlyElementsOf(times);
        assertThat(rawLong(rows.get(0)[0])).as("the epoch itself").isZero();
        assertThat(rawLong(rows.get(2)[0])).as("a microsecond before it").isEqualTo(-1);
        assertThat(rawLong(rows.get(3)[0])).as("1970 in PostgreSQL's count").isEqualTo(-946_684_800_000_000L);
    }

    @Test
    void nanosecondsBelowTheMicrosecondAreCutNotRounded() throws IOException {
        Instant ts = Instant.parse("2026-11-29T08:00:00.000000999Z");
        Instant before1970 = Instant.parse("1969-12-31T23:59:59.999999999Z");
        byte[] stream = new BinaryCopy(2).startRow(1).timestamptz(ts).startRow(1).timestamptz(before1970).finish();
        List<byte[][]> rows = read(stream);
        assertThat(timestamptz(rows.get(0)[0])).isEqualTo(ts.truncatedTo(ChronoUnit.MICROS));
        assertThat(timestamptz(rows.get(1)[0])).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void float8KeepsEveryDoubleBitForBit() throws IOException {
        double[] values = {-21.5, -0.0, 0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, 1523400.0, -1e-300};
        BinaryCopy copy = new BinaryCopy(values.length);
        for (double v : values) {
            copy.startRow(1).float8(v);
        }
        List<byte[][]> rows = read(copy.finish());
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(float8(rows.get(i)[0])))
                    .as("value %s", values[i]).isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
    }

    @Test
    void textIsUtf8WithItsLengthInBytesAndEmptyIsNotNull() throws IOException {
        byte[] stream = new BinaryCopy(1).startRow(3).text("3号楼 5层 东侧走廊").text("").text("a\u0000b").finish();
        byte[][] row = read(stream).getFirst();
        assertThat(row[0]).hasSize("3号楼 5层 东侧走廊".getBytes(UTF_8).length);
        assertThat(text(row[0])).isEqualTo("3号楼 5层 东侧走廊");
        assertThat(row[1]).as("an empty text is a field of length 0").isNotNull().isEmpty();
        assertThat(text(row[2])).isEqualTo("a\u0000b");
    }

    @Test
    void nullsAreFieldsOfLengthMinusOne() throws IOException {
        byte[] stream = new BinaryCopy(1).startRow(5).timestamptz(null).text(null).nullValue().jsonb(null).float8(-1)
                .finish();
        byte[][] row = read(stream).getFirst();
        assertThat(Arrays.asList(row).subList(0, 4)).containsOnlyNulls();
        assertThat(float8(row[4])).isEqualTo(-1.0);
    }

    @Test
    void aBigBatchReadsBackRowByRow() throws IOException {
        int count = 100_000;
        Instant start = Instant.parse("2026-11-29T00:00:00Z");
        BinaryCopy copy = new BinaryCopy(10); // far fewer than written: the buffer grows
        for (int i = 0; i < count; i++) {
            copy.startRow(4).timestamptz(start.plusMillis(i)).text("dev-" + (i % 1_000)).text("battery").float8(-i / 4.0);
        }
        assertThat(copy.rows()).isEqualTo(count);
        List<byte[][]> rows = read(copy.finish());

        assertThat(rows).hasSize(count);
        for (int i = 0; i < count; i += 9_973) {
            byte[][] row = rows.get(i);
            assertThat(timestamptz(row[0])).isEqualTo(start.plusMillis(i));
            assertThat(text(row[1])).isEqualTo("dev-" + (i % 1_000));
            assertThat(text(row[2])).isEqualTo("battery");
            assertThat(float8(row[3])).isEqualTo(-i / 4.0);
        }
        assertThat(float8(rows.getLast()[3])).isEqualTo(-(count - 1) / 4.0);
    }

    /** Reads a binary COPY stream: checks header and trailer, returns each tuple's fields (null for NULL). */
    private static List<byte[][]> read(byte[] stream) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream));
        byte[] signature = in.readNBytes(11);
        assertThat(signature).as("signature").containsExactly('P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xFF, '\r', '\n', 0);
        assertThat(in.readInt()).as("flags: no OIDs").isZero();
        in.skipNBytes(in.readInt()); // header extension
        List<byte[][]> rows = new ArrayList<>();
        while (true) {
            short fields = in.readShort();
            if (fields == -1) {
                break;
            }
            byte[][] row = new byte[fields][];
            for (int f = 0; f < fields; f++) {
                int length = in.readInt();
                row[f] = length == -1 ? null : in.readNBytes(length);
                if (row[f] != null && row[f].length != length) {
                    throw new AssertionError("row " + rows.size() + " field " + f + ": the stream ends inside it");
                }
            }
            rows.add(row);
        }
        assertThat(in.available()).as("nothing after the trailer").isZero();
        return rows;
    }

    private static long rawLong(byte[] field) throws IOException {
        assertThat(field).hasSize(8);
        return new DataInputStream(new ByteArrayInputStream(field)).readLong();
    }

    private static Instant timestamptz(byte[] field) {
        try {
            long micros = rawLong(field);
            return PG_EPOCH.plus(micros, ChronoUnit.MICROS);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static double float8(byte[] field) {
        try {
            return Double.longBitsToDouble(rawLong(field));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(byte[] field) {
        return new String(field, UTF_8);
    }
}
