package dev.tern.broker;

import dev.tern.broker.core.DestinationLimits;
import dev.tern.broker.core.FullPolicy;
import dev.tern.broker.store.JournalOptions;
import dev.tern.broker.store.SyncPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How a broker runs; immutable. Build one with {@link #builder(String)} or from URL query options
 * with {@link #fromOptions}. The settings, their names and defaults are listed in {@link BrokerSetting}.
 */
public final class BrokerConfig {

    private final String name;
    private final Path dataDirectory;
    private final boolean persistent;
    private final SyncPolicy syncPolicy;
    private final int dispatchThreads;
    private final Users users;
    private final long minFreeDiskBytes;
    private final DestinationLimits destinationLimits;
    private final String rollCycle;
    private final long checkpointBytes;

    private BrokerConfig(Builder b) {
        this.rollCycle = b.rollCycle;
        this.checkpointBytes = b.checkpointBytes;
        this.name = b.name;
        this.dataDirectory = b.dataDirectory != null ? b.dataDirectory : Path.of("tern-data", b.name);
        this.persistent = b.persistent;
        this.syncPolicy = b.syncPolicy;
        this.dispatchThreads = b.dispatchThreads;
        this.users = b.users;
        this.minFreeDiskBytes = b.minFreeDiskBytes;
        this.destinationLimits = new DestinationLimits(
                new DestinationLimits.Limit(b.maxDestinationBytes, b.destinationFullPolicy), resolved(b));
    }

    /** Rules without a policy take the default policy. */
    private static List<DestinationLimits.Rule> resolved(Builder b) {
        List<DestinationLimits.Rule> rules = new ArrayList<>();
        for (Builder.RuleSetting rule : b.destinationRules) {
            rules.add(new DestinationLimits.Rule(rule.pattern(), new DestinationLimits.Limit(rule.maxBytes(),
                    rule.policy() != null ? rule.policy() : b.destinationFullPolicy)));
        }
        return rules;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The defaults for a broker called {@code name}. */
    public static BrokerConfig defaults(String name) {
        return builder(name).build();
    }

    /**
     * The configuration given by URL query options ({@link BrokerSetting} keys);
     * {@code IllegalArgumentException} naming the option for an unknown option or a bad value.
     */
    public static BrokerConfig fromOptions(String name, Map<String, String> options) {
        return builderFromOptions(name, options).build();
    }

    /** A builder preset from URL query options, for settings that options cannot express (users). */
    public static Builder builderFromOptions(String name, Map<String, String> options) {
        Builder builder = builder(name);
        for (Map.Entry<String, String> option : options.entrySet()) {
            BrokerSetting setting = BrokerSetting.forKey(option.getKey());
            if (setting == null) {
                TreeSet<String> known = new TreeSet<>();
                for (BrokerSetting s : BrokerSetting.values()) {
                    known.add(s.key());
                }
                throw new IllegalArgumentException("Unknown broker option '" + option.getKey()
                        + "' (known: " + String.join(", ", known) + ")");
            }
            setting.apply(builder, Objects.requireNonNullElse(option.getValue(), ""));
        }
        return builder;
    }

    public String name() {
        return name;
    }

    /** Where the journal lives (unused when not {@link #persistent()}). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public boolean persistent() {
        return persistent;
    }

    public SyncPolicy syncPolicy() {
        return syncPolicy;
    }

    /** Who may connect ({@link Users#none()}: anyone). */
    public Users users() {
        return users;
    }

    public int dispatchThreads() {
        return dispatchThreads;
    }

    /** Free disk space the journal keeps in reserve ({@link BrokerSetting#MIN_FREE_DISK}). */
    public long minFreeDiskBytes() {
        return minFreeDiskBytes;
    }

    /**
     * What each destination may hold in memory and what a send to a full one meets
     * ({@link BrokerSetting#MAX_DESTINATION_BYTES}, {@link BrokerSetting#DESTINATION_FULL_POLICY},
     * {@link BrokerSetting#DESTINATION_LIMITS}).
     */
    public DestinationLimits destinationLimits() {
        return destinationLimits;
    }

    /** The journal's roll cycle for a new data directory ({@link BrokerSetting#ROLL_CYCLE}). */
    public String rollCycle() {
        return rollCycle;
    }

    /** Journal growth between checkpoints ({@link BrokerSetting#CHECKPOINT_BYTES}). */
    public long checkpointBytes() {
        return checkpointBytes;
    }

    /** The journal settings this configuration gives. */
    public JournalOptions journalOptions() {
        return new JournalOptions(syncPolicy, rollCycle, minFreeDiskBytes, checkpointBytes);
    }

    @Override
    public String toString() {
        return "BrokerConfig[name=" + name + ", dataDirectory=" + dataDirectory + ", persistent=" + persistent
                + ", syncPolicy=" + syncPolicy + ", dispatchThreads=" + dispatchThreads + ", " + users + "]";
    }

    /** Builds a {@link BrokerConfig}; every setter checks its value. */
    public static final class Builder {
        private final String name;
        private Path dataDirectory;
        private boolean persistent = true;
        private SyncPolicy syncPolicy = SyncPolicy.MEMORY_MAPPED;
        private int dispatchThreads = Math.min(4, Runtime.getRuntime().availableProcessors());
        private Users users = Users.none();
        private long minFreeDiskBytes = JournalOptions.DEFAULT_MIN_FREE_BYTES;
        private long maxDestinationBytes = DestinationLimits.DEFAULT_MAX_BYTES;
        private FullPolicy destinationFullPolicy = FullPolicy.BLOCK;
        private final List<RuleSetting> destinationRules = new ArrayList<>();

        /** A destination rule as given; a null policy is the default policy, whenever that is set. */
        private record RuleSetting(String pattern, long maxBytes, FullPolicy policy) {
        }
        private String rollCycle = JournalOptions.DEFAULT_ROLL_CYCLE;
        private long checkpointBytes = JournalOptions.DEFAULT_CHECKPOINT_BYTES;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("broker name is blank");
            }
            this.name = name;
        }

        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        public Builder syncPolicy(SyncPolicy syncPolicy) {
            this.syncPolicy = Objects.requireNonNull(syncPolicy, "syncPolicy");
            return this;
        }

        public Builder dispatchThreads(int dispatchThreads) {
            if (dispatchThreads < 1) {
                throw new IllegalArgumentException("Broker option 'dispatchThreads' must be at least 1: "
                        + dispatchThreads);
            }
            this.dispatchThreads = dispatchThreads;
            return this;
        }

        /** Who may connect; {@link Users#none()} (the default) lets anyone in. */
        public Builder minFreeDiskBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("Broker option 'minFreeDisk' must not be negative: " + bytes);
            }
            this.minFreeDiskBytes = bytes;
            return this;
        }

        /**
         * The journal's roll cycle (a Chronicle {@code RollCycles} constant name such as
         * {@code FIVE_MINUTELY}; tests use {@code TEST_SECONDLY}): the size of the files old data is
         * deleted by. Only a new data directory takes it.
         */
        public Builder rollCycle(String rollCycle) {
            Objects.requireNonNull(rollCycle, "rollCycle");
            new JournalOptions(SyncPolicy.MEMORY_MAPPED, rollCycle).checkRollCycle();
            this.rollCycle = rollCycle;
            return this;
        }

        /** Journal growth after which a checkpoint is written (bounds recovery time); at least 1. */
        public Builder checkpointBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("Broker option 'checkpointEvery' must be positive: " + bytes);
            }
            this.checkpointBytes = bytes;
            return this;
        }

        public Builder users(Users users) {
            this.users = Objects.requireNonNull(users, "users");
            return this;
        }

        /** What one destination may hold in memory by default (0: no limit). */
        public Builder maxDestinationBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("Broker option 'maxDestinationBytes' must not be negative: "
                        + bytes);
            }
            this.maxDestinationBytes = bytes;
            return this;
        }

        /** What a send to a full destination meets by default. */
        public Builder destinationFullPolicy(FullPolicy policy) {
            this.destinationFullPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * A limit for the queues and topics called {@code pattern} (a prefix if it ends in {@code *}); the
         * first matching one wins. {@code policy} null: the default policy.
         */
        public Builder destinationLimit(String pattern, long maxBytes, FullPolicy policy) {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("A destination limit must not be negative: " + maxBytes);
            }
            Objects.requireNonNull(pattern, "pattern");
            if (pattern.isBlank()) {
                throw new IllegalArgumentException("A destination limit needs a destination name");
            }
            destinationRules.add(new RuleSetting(pattern, maxBytes, policy));
            return this;
        }

        public BrokerConfig build() {
            return new BrokerConfig(this);
        }
    }
}
