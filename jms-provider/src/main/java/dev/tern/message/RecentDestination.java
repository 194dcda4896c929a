package dev.tern.message;

import dev.tern.client.TernDestination;
import dev.tern.transport.DestinationRef;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The destination last decoded on this thread, recognised by its encoded bytes: a producer sends
 * to the same destination over and over, and a consumer receives from one, so the broker's
 * header read and the client's decode reuse the same {@link DestinationRef} and
 * {@link TernDestination} (both immutable) instead of decoding a name and wrapping it per message.
 */
final class RecentDestination {

    private static final DestinationRef.Kind[] KINDS = DestinationRef.Kind.values();
    private static final ThreadLocal<RecentDestination> LAST = ThreadLocal.withInitial(RecentDestination::new);
    private static final int MAX_KEPT_NAME = 1024;

    private int kind;
    private byte[] name;
    private DestinationRef ref;
    private TernDestination destination;

    private RecentDestination() {
    }

    /**
     * The destination of kind code {@code kind} (1-based {@link DestinationRef.Kind} ordinal, checked
     * by the caller) whose UTF-8 name is {@code length} bytes of {@code data} from {@code offset}.
     */
    static RecentDestination of(int kind, byte[] data, int offset, int length) {
        RecentDestination last = LAST.get();
        if (last.ref != null && last.kind == kind
                && Arrays.equals(last.name, 0, last.name.length, data, offset, offset + length)) {
            return last;
        }
        if (length > MAX_KEPT_NAME) {
            return once(kind, data, offset, length);
        }
        DestinationRef ref = newRef(kind, data, offset, length);
        last.kind = kind;
        last.name = Arrays.copyOfRange(data, offset, offset + length);
        last.ref = ref;
        last.destination = null;
        return last;
    }

    /** The destination, decoded for this one use (not remembered). */
    static RecentDestination once(int kind, byte[] data, int offset, int length) {
        RecentDestination once = new RecentDestination();
        once.ref = newRef(kind, data, offset, length);
        return once;
    }

    private static DestinationRef newRef(int kind, byte[] data, int offset, int length) {
        return new DestinationRef(KINDS[kind - 1], new String(data, offset, length, StandardCharsets.UTF_8));
    }

    DestinationRef ref() {
        return ref;
    }

    TernDestination destination() {
        if (destination == null) {
            destination = TernDestination.of(ref);
        }
        return destination;
    }
}
