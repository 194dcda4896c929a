package dev.tern.broker.store;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;
import net.openhft.chronicle.queue.rollcycles.SparseRollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

import java.util.List;
import java.util.function.Function;

/** Finds a Chronicle roll cycle by the name of its constant, whichever enum defines it. */
final class RollCycleNames {

    private static final List<Function<String, RollCycle>> ENUMS = List.of(
            RollCycles::valueOf, LargeRollCycles::valueOf, SparseRollCycles::valueOf,
            LegacyRollCycles::valueOf, TestRollCycles::valueOf);

    private RollCycleNames() {
    }

    /** @throws IllegalArgumentException if no roll cycle has that name */
    static RollCycle resolve(String name) {
        for (Function<String, RollCycle> valueOf : ENUMS) {
            try {
                return valueOf.apply(name);
            } catch (IllegalArgumentException notInThisEnum) {
                // try the next one
            }
        }
        throw new IllegalArgumentException("Unknown roll cycle '" + name
                + "'; use a constant of Chronicle's RollCycles, e.g. FAST_HOURLY or FAST_DAILY");
    }
}
