package dev.tern.broker;

import dev.tern.broker.store.SyncPolicy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every broker setting that can be given as a URL query option ({@code vm://orders?dataDir=...}) or
 * in a properties map: its name, its default and what it does, defined once here.
 */
public enum BrokerSetting {

    /** Directory of the journal. Default: {@code tern-data/<broker name>} under the working directory. */
    DATA_DIR("dataDir", "tern-data/<name>", "directory of the journal") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            builder.dataDirectory(Path.of(value));
        }
    },

    /** {@code true}: persistent messages and durable subscriptions are journalled; {@code false}: memory only. */
    PERSISTENT("persistent", "true", "false keeps everything in memory, with no journal") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            builder.persistent(parseBoolean(key(), value));
        }
    },

    /**
     * {@code mmap}: a persistent send returns once its record is in the memory-mapped journal (survives
     * a crash of the process); {@code fsync}: once it is on disk (survives a crash of the machine).
     */
    SYNC("sync", "mmap", "mmap (survives a process crash) or fsync (survives a machine crash)") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            builder.syncPolicy(parseSync(value));
        }
    },

    /**
     * Usable space the data directory's file system keeps free: below it, persistent sends fail with
     * {@code ResourceAllocationException} (acknowledgements go on). Bytes, or with a k/m/g suffix.
     */
    MIN_FREE_DISK("minFreeDisk", "64m", "free disk space kept in reserve (bytes, or k/m/g)") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            builder.minFreeDiskBytes(parseSize(key(), value));
        }
    },

    /**
     * The journal's Chronicle roll cycle: files are deleted whole once nothing in them is pending, so
     * this is the granularity of disk reclaim. Only a new data directory takes it.
     */
    ROLL_CYCLE("rollCycle", "FIVE_MINUTELY", "journal file period (Chronicle roll cycle; tests: TEST_SECONDLY)") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            try {
                builder.rollCycle(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Broker option '" + key() + "': " + e.getMessage());
            }
        }
    },

    /** Journal growth after which a checkpoint is written: bounds the replay after a crash. */
    CHECKPOINT_BYTES("checkpointEvery", "256m", "journal growth between checkpoints (bytes, or k/m/g)") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            long bytes = parseSize(key(), value);
            if (bytes < 1) {
                throw new IllegalArgumentException("Broker option '" + key() + "' must be positive: " + value);
            }
            builder.checkpointBytes(bytes);
        }
    },

    /** Threads that dispatch messages to consumers; each queue is dispatched by one of them at a time. */
    DISPATCH_THREADS("dispatchThreads", "min(4, processors)", "threads dispatching to consumers") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            try {
                builder.dispatchThreads(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Broker option '" + key() + "' must be a number: " + value);
            }
        }
    },

    /**
     * Who may connect: {@code name:password} pairs separated by commas. Empty (the default): anyone,
     * with any credentials; otherwise a connection with other credentials fails with JMSSecurityException.
     */
    USERS("users", "", "name:password,... that may connect (default: anyone)") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            builder.users(Users.parse(value));
        }
    },

    /**
     * What one destination (a queue, or each subscription of a topic) may hold in the broker's memory:
     * message bodies kept on the heap plus an estimate per message ({@code 128} bytes, all a
     * journalled message costs). Bytes, or with a k/m/g suffix; 0: no limit.
     */
    MAX_DESTINATION_BYTES("maxDestinationBytes", "64m",
            "memory one destination may hold (bytes, or k/m/g; 0 = no limit)") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            builder.maxDestinationBytes(parseSize(key(), value));
        }
    },

    /**
     * What a send to a full destination meets: {@code BLOCK} (it waits until consumers make room) or
     * {@code FAIL} ({@code ResourceAllocationException}).
     */
    DESTINATION_FULL_POLICY("destinationFullPolicy", "BLOCK", "BLOCK or FAIL: a send to a full destination") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            builder.destinationFullPolicy(parsePolicy(key(), value));
        }
    },

    /**
     * Limits of particular destinations: {@code name:size[:BLOCK|FAIL]} entries separated by commas; a
     * name ending in {@code *} is a prefix. The first matching entry wins; other destinations get
     * {@code maxDestinationBytes} and {@code destinationFullPolicy}.
     */
    DESTINATION_LIMITS("destinationLimits", "",
            "name:size[:BLOCK|FAIL],... limits of particular destinations (name* = prefix)") {
        @Override
        void apply(BrokerConfig.Builder builder, String value) {
            for (String entry : value.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] parts = entry.trim().split(":");
                String policy = null;
                int end = parts.length;
                if (end >= 3 && isPolicy(parts[end - 1])) {
                    policy = parts[--end];
                }
                if (end < 2) {
                    throw new IllegalArgumentException("Broker option '" + key() + "' wants name:size[:BLOCK|FAIL]"
                            + " entries: " + entry);
                }
                String name = String.join(":", Arrays.copyOfRange(parts, 0, end - 1)).trim();
                builder.destinationLimit(name, parseSize(key(), parts[end - 1]),
                        policy == null ? null : parsePolicy(key(), policy));
            }
        }
    };

    private static boolean isPolicy(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        return v.equals("BLOCK") || v.equals("FAIL");
    }

    static dev.tern.broker.core.FullPolicy parsePolicy(String key, String value) {
        try {
            return dev.tern.broker.core.FullPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Broker option '" + key + "' must be BLOCK or FAIL: " + value);
        }
    }

    static long parseSize(String key, String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k")) {
            unit = 1L << 10;
        } else if (v.endsWith("m")) {
            unit = 1L << 20;
        } else if (v.endsWith("g")) {
            unit = 1L << 30;
        }
        try {
            long number = Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1).trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(number, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Broker option '" + key + "' must be a size such as 64m: " + value);
        }
    }

    private static final Map<String, BrokerSetting> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(BrokerSetting::key, Function.identity()));

    private final String key;
    private final String defaultValue;
    private final String description;

    BrokerSetting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The option name as users type it. */
    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The setting named {@code key}, or null if there is none. */
    public static BrokerSetting forKey(String key) {
        return BY_KEY.get(key);
    }

    /** Checks {@code value} and stores it in the builder: {@code IllegalArgumentException} if invalid. */
    abstract void apply(BrokerConfig.Builder builder, String value);

    static boolean parseBoolean(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("Broker option '" + key + "' must be true or false: " + value);
    }

    private static SyncPolicy parseSync(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "mmap" -> SyncPolicy.MEMORY_MAPPED;
            case "fsync" -> SyncPolicy.FSYNC;
            default -> throw new IllegalArgumentException("Broker option 'sync' must be mmap or fsync: " + value);
        };
    }
}
