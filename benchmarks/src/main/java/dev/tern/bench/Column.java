package dev.tern.bench;

import java.nio.file.Path;

/**
 * One provider in one durability setting: a column of the report. Each states what a message whose
 * send has returned survives, so that no ratio compares unlike promises.
 */
public enum Column {
    TERN("Tern default", "process crash (record is in the memory-mapped journal before send returns); not power loss"),
    TERN_FSYNC("Tern fsync", "process crash and power loss (journal forced to disk, group commit)"),
    ARTEMIS("Artemis default", "process crash and power loss (durable sends wait for a synced journal write)"),
    ARTEMIS_NOSYNC("Artemis sync off", "neither fully: a send returns before its record leaves Artemis's journal buffer "
            + "(flushed every journal-buffer-timeout), so a process crash can lose the last few ms of sends; "
            + "power loss loses what the OS had not written");

    private final String label;
    private final String survives;

    Column(String label, String survives) {
        this.label = label;
        this.survives = survives;
    }

    public String label() {
        return label;
    }

    public String survives() {
        return survives;
    }

    public boolean isTern() {
        return this == TERN || this == TERN_FSYNC;
    }

    /** Starts a fresh broker of this column storing under {@code dir}. */
    public BrokerUnderTest start(Path dir, boolean tcp) throws Exception {
        return switch (this) {
            case TERN -> TernUnderTest.start(dir, false, tcp);
            case TERN_FSYNC -> TernUnderTest.start(dir, true, tcp);
            case ARTEMIS -> ArtemisUnderTest.start(dir, true, tcp);
            case ARTEMIS_NOSYNC -> ArtemisUnderTest.start(dir, false, tcp);
        };
    }
}
