package dev.tern.bench;

import jakarta.jms.ConnectionFactory;

import java.util.List;

/** The scenarios of issue 6: what each runs, on which columns, and its main figures. */
public enum Scenario {
    S1("1", "queue 1→1, persistent, 1 KiB, AUTO_ACK", Columns.ALL,
            List.of(Metric.rate("msg/s", "messages/s"), Metric.cost("alloc B/msg", "bytes"))) {
        @Override
        Measurement run(ConnectionFactory cf, BrokerUnderTest broker, Size size, boolean warmup) throws Exception {
            long millis = warmup ? size.warmupMillis() : size.measureMillis();
            return Workloads.queueOneToOne(cf, millis, size.maxMessages(), true, 1024);
        }
    },
    S2("2", "queue 1→1, non-persistent, 100 B, AUTO_ACK", Columns.ONE_EACH,
            List.of(Metric.rate("msg/s", "messages/s"), Metric.cost("alloc B/msg", "bytes"))) {
        @Override
        Measurement run(ConnectionFactory cf, BrokerUnderTest broker, Size size, boolean warmup) throws Exception {
            long millis = warmup ? size.warmupMillis() : size.measureMillis();
            return Workloads.queueOneToOne(cf, millis, size.maxMessages(), false, 100);
        }
    },
    S3("3", "queue 4→4, persistent, 1 KiB, transacted batches of 100", Columns.ALL,
            List.of(Metric.rate("msg/s", "messages/s"))) {
        @Override
        Measurement run(ConnectionFactory cf, BrokerUnderTest broker, Size size, boolean warmup) throws Exception {
            long millis = warmup ? size.warmupMillis() : size.measureMillis();
            return Workloads.queueTransacted(cf, millis, size.maxMessages(), 4, 4, 100);
        }
    },
    S4("4", "topic 1→10 subscribers (5 durable), persistent, 1 KiB", Columns.ALL,
            List.of(Metric.rate("deliveries/s", "deliveries/s"))) {
        @Override
        Measurement run(ConnectionFactory cf, BrokerUnderTest broker, Size size, boolean warmup) throws Exception {
            long millis = warmup ? size.warmupMillis() : size.measureMillis();
            return Workloads.topicFanOut(cf, millis, size.maxMessages(), 5, 5);
        }
    },
    S5("5", "latency at a fixed rate, persistent, 1 KiB, intended send time → onMessage", Columns.ALL,
            List.of(Metric.cost("p50 µs", "µs"), Metric.cost("p99 µs", "µs"), Metric.cost("p99.9 µs", "µs"),
                    Metric.cost("max µs", "µs"))) {
        @Override
        Measurement run(ConnectionFactory cf, BrokerUnderTest broker, Size size, boolean warmup) throws Exception {
            long millis = warmup ? size.warmupMillis() : size.measureMillis();
            return Workloads.latency(cf, size.latencyRate(), warmup ? millis : size.latencyMillis());
        }
    },
    S6A("6a", "fsync durability, 1 producer, persistent, 1 KiB", Columns.POWER_LOSS_SAFE,
            List.of(Metric.rate("send msg/s", "messages/s"))) {
        @Override
        Measurement run(ConnectionFactory cf, BrokerUnderTest broker, Size size, boolean warmup) throws Exception {
            long millis = warmup ? size.warmupMillis() : size.measureMillis();
            return Workloads.concurrentSends(cf, millis, size.maxMessages(), 1);
        }
    },
    S6B("6b", "fsync durability, 16 concurrent producers, persistent, 1 KiB", Columns.POWER_LOSS_SAFE,
            List.of(Metric.rate("send msg/s", "messages/s"))) {
        @Override
        Measurement run(ConnectionFactory cf, BrokerUnderTest broker, Size size, boolean warmup) throws Exception {
            long millis = warmup ? size.warmupMillis() : size.measureMillis();
            return Workloads.concurrentSends(cf, millis, size.maxMessages(), 16);
        }
    },
    S7("7", "many queues, traffic round robin over them, persistent, 1 KiB", Columns.ALL,
            List.of(Metric.rate("msg/s", "messages/s"), Metric.cost("setup s", "s"))) {
        @Override
        boolean warmsUpItself() {
            return true;
        }

        @Override
        Measurement run(ConnectionFactory cf, BrokerUnderTest broker, Size size, boolean warmup) throws Exception {
            long millis = warmup ? size.warmupMillis() : size.measureMillis();
            return Workloads.manyQueues(cf, size.warmupMillis(), millis, size.maxMessages(), size.queues());
        }
    },
    S8("8", "deep backlog: fill (transacted batches of 100), then drain, persistent, 1 KiB", Columns.ALL,
            List.of(Metric.rate("fill msg/s", "messages/s"), Metric.rate("drain msg/s", "messages/s"),
                    Metric.rate("pending when full", "messages (the fill stops at the backlog or after 20x the measured time)"),
                    Metric.cost("heap MiB (full - empty)", "MiB"), Metric.cost("disk MiB", "MiB (allocated blocks of the data directory when full)"))) {
        @Override
        boolean warmsUpItself() {
            return true;
        }

        @Override
        Measurement run(ConnectionFactory cf, BrokerUnderTest broker, Size size, boolean warmup) throws Exception {
            long millis = warmup ? size.warmupMillis() : size.measureMillis();
            return Workloads.backlog(cf, broker, size.backlog(), millis * 20, millis * 10);
        }
    };

    private final String id;
    private final String title;
    private final List<Column> columns;
    private final List<Metric> metrics;

    Scenario(String id, String title, List<Column> columns, List<Metric> metrics) {
        this.id = id;
        this.title = title;
        this.columns = columns;
        this.metrics = metrics;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    /** True if {@link #run} does its own warm-up (the runner then skips the separate warm-up run). */
    boolean warmsUpItself() {
        return false;
    }

    /** The warm-up phase (unmeasured) or the measured phase. */
    abstract Measurement run(ConnectionFactory cf, BrokerUnderTest broker, Size size, boolean warmup) throws Exception;

    public static Scenario byId(String id) {
        for (Scenario s : values()) {
            if (s.id.equals(id) || s.name().equalsIgnoreCase(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no scenario " + id);
    }

    /** Column sets. */
    private static final class Columns {
        static final List<Column> ALL = List.of(Column.TERN, Column.TERN_FSYNC, Column.ARTEMIS, Column.ARTEMIS_NOSYNC);
        /** Non-persistent messages never touch a journal: the sync setting changes nothing. */
        static final List<Column> ONE_EACH = List.of(Column.TERN, Column.ARTEMIS);
        static final List<Column> POWER_LOSS_SAFE = List.of(Column.TERN_FSYNC, Column.ARTEMIS);
    }
}
