-- The Kafka records each ingest lane has stored, per topic partition: the platform's duplicate
-- fence in the Hono/Kafka mode (docs/scale-out.md). A batch adds its records' offsets in the
-- transaction that stores them, after locking its partitions' rows, and leaves out the records
-- already there, so a record delivered again after a rebalance or a crash is stored once.
-- The set is a multirange: the two lanes, and the instances of a consumer group during a
-- rebalance, commit out of offset order, and a range set holds the gaps until they are filled.
CREATE TABLE ingest_kafka_offsets (
    topic           text           NOT NULL,
    kafka_partition integer        NOT NULL,
    lane            text           NOT NULL,
    offsets         int8multirange NOT NULL DEFAULT '{}',
    updated_at      timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, kafka_partition, lane)
);
