package org.anju.platform.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.anju.platform.storage.UnitOfWork;

/**
 * The duplicate fence of messages read from Kafka ({@code ingest_kafka_offsets}, V42): in the
 * batch's transaction it locks the rows of the batch's topic partitions (in one order, before
 * any other row the batch locks), leaves out the records already stored, and adds the others'
 * offsets. A record delivered again (after a rebalance, a crash, or a retry) is thereby stored
 * once, whichever instance of the group gets it and in whatever order the lanes commit.
 */
final class KafkaFence {

    private static final String ENSURE_ROWS = """
            INSERT INTO ingest_kafka_offsets (topic, kafka_partition, lane)
            SELECT t, p, ? FROM unnest(?::text[], ?::int[]) AS u(t, p)
            ON CONFLICT DO NOTHING""";
    private static final String LOCK_ROWS = """
            SELECT topic, kafka_partition FROM ingest_kafka_offsets
            WHERE lane = ? AND (topic, kafka_partition) IN (SELECT * FROM unnest(?::text[], ?::int[]))
            ORDER BY topic, kafka_partition FOR UPDATE""";
    private static final String STORED = """
            SELECT u.i FROM unnest(?::text[], ?::int[], ?::bigint[]) WITH ORDINALITY AS u(t, p, o, i)
            JOIN ingest_kafka_offsets f ON f.topic = u.t AND f.kafka_partition = u.p AND f.lane = ?
            WHERE f.offsets @> u.o""";
    private static final String ADD = """
            UPDATE ingest_kafka_offsets f SET offsets = f.offsets + n.r, updated_at = now()
            FROM (SELECT t, p, range_agg(int8range(o, o + 1)) AS r
                  FROM unnest(?::text[], ?::int[], ?::bigint[]) AS u(t, p, o) GROUP BY t, p) n
            WHERE f.topic = n.t AND f.kafka_partition = n.p AND f.lane = ?""";

    private final String lane;

    KafkaFence(String lane) {
        this.lane = lane;
    }

    /**
     * Returns the batch without the messages from Kafka that are stored already, and records the
     * offsets of those it keeps; a batch without messages from Kafka is returned as it is.
     */
    Batch admit(UnitOfWork.Tx tx, Batch batch) throws SQLException {
        List<Batch.Entry> fromKafka = batch.entries().stream().filter(e -> e.position() != null).toList();
        if (fromKafka.isEmpty()) {
            return batch;
        }
        Connection connection = tx.connection();
        lockPartitions(connection, fromKafka);
        Set<Integer> stored = stored(connection, fromKafka);
        List<Batch.Entry> admitted = new ArrayList<>();
        for (int i = 0; i < fromKafka.size(); i++) {
            if (!stored.contains(i)) {
                admitted.add(fromKafka.get(i));
            }
        }
        if (!admitted.isEmpty()) {
            positions(connection, ADD, admitted, true);
        }
        if (stored.isEmpty()) {
            return batch;
        }
        Batch kept = new Batch();
        Set<Batch.Entry> duplicates = new HashSet<>();
        stored.forEach(i -> duplicates.add(fromKafka.get(i)));
        batch.entries().stream().filter(e -> !duplicates.contains(e)).forEach(kept::add);
        return kept;
    }

    private void lockPartitions(Connection connection, List<Batch.Entry> entries) throws SQLException {
        TreeSet<String> partitions = new TreeSet<>();
        entries.forEach(e -> partitions.add(e.position().topic() + "\u0000" + e.position().partition()));
        List<String> topics = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (String key : partitions) {
            int split = key.indexOf('\u0000');
            topics.add(key.substring(0, split));
            numbers.add(Integer.parseInt(key.substring(split + 1)));
        }
        // the rows exist before they are locked: a first batch of two instances cannot both insert
        try (PreparedStatement insert = connection.prepareStatement(ENSURE_ROWS);
                PreparedStatement lock = connection.prepareStatement(LOCK_ROWS)) {
            insert.setString(1, lane);
            insert.setArray(2, connection.createArrayOf("text", topics.toArray()));
            insert.setArray(3, connection.createArrayOf("int4", numbers.toArray()));
            insert.executeUpdate();
            lock.setString(1, lane);
            lock.setArray(2, connection.createArrayOf("text", topics.toArray()));
            lock.setArray(3, connection.createArrayOf("int4", numbers.toArray()));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    // locked; nothing to read
                }
            }
        }
    }

    /** Returns the indexes (0-based) of the entries whose offsets are stored already. */
    private Set<Integer> stored(Connection connection, List<Batch.Entry> entries) throws SQLException {
        Set<Integer> stored = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(STORED)) {
            bindPositions(connection, query, entries);
            query.setString(4, lane);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add((int) rows.getLong(1) - 1);
                }
            }
        }
        return stored;
    }

    private void positions(Connection connection, String sql, List<Batch.Entry> entries, boolean withLane)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindPositions(connection, statement, entries);
            if (withLane) {
                statement.setString(4, lane);
            }
            statement.executeUpdate();
        }
    }

    private static void bindPositions(Connection connection, PreparedStatement statement, List<Batch.Entry> entries)
            throws SQLException {
        Object[] topics = new Object[entries.size()];
        Object[] partitions = new Object[entries.size()];
        Object[] offsets = new Object[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            KafkaPosition position = entries.get(i).position();
            topics[i] = position.topic();
            partitions[i] = position.partition();
            offsets[i] = position.offset();
        }
        Array topicArray = connection.createArrayOf("text", topics);
        statement.setArray(1, topicArray);
        statement.setArray(2, connection.createArrayOf("int4", partitions));
        statement.setArray(3, connection.createArrayOf("int8", offsets));
    }
}
