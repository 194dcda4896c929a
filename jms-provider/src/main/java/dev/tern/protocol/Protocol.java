package dev.tern.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Constants of the Tern wire protocol (see {@code docs/PROTOCOL.md}). A connection starts with a
 * five-byte preamble in each direction ({@code "TERN"} + the protocol version), then carries frames:
 * a 4-byte big-endian length (of what follows), a 1-byte frame type, then the type's fields.
 */
public final class Protocol {

    /** The first four bytes each side sends. */
    public static final byte[] MAGIC = "TERN".getBytes(StandardCharsets.US_ASCII);
    /**
     * The protocol version this code speaks; a peer speaking another one is refused. 2: a non-persistent
     * send outside a transaction carries a correlation id and is answered (producer flow control).
     */
    public static final byte VERSION = 2;
    /** Magic + version. */
    public static final int PREAMBLE_LENGTH = MAGIC.length + 1;
    /** Length prefix of every frame. */
    public static final int LENGTH_FIELD = 4;
    /** The broker's default TCP port. */
    public static final int DEFAULT_PORT = 61616;
    /** Default largest frame (length field value) either side accepts: 100 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 100 * 1024 * 1024;
    /** Bytes of a DELIVERY frame besides the message: type, consumer id, sequence, count, byte count. */
    public static final int DELIVERY_OVERHEAD = 1 + 8 + 8 + 4 + 4;

    /** The length field of the DELIVERY frame that carries a message of {@code messageLength} bytes. */
    public static long deliveryFrameLength(int messageLength) {
        return (long) DELIVERY_OVERHEAD + messageLength;
    }

    /** Correlation id of a request that wants no response (errors come back as an async error). */
    public static final int NO_RESPONSE = 0;

    private Protocol() {
    }

    /** The preamble this code sends: magic and {@link #VERSION}. */
    public static byte[] preamble() {
        return preamble(VERSION);
    }

    public static byte[] preamble(byte version) {
        byte[] preamble = new byte[PREAMBLE_LENGTH];
        System.arraycopy(MAGIC, 0, preamble, 0, MAGIC.length);
        preamble[MAGIC.length] = version;
        return preamble;
    }

    /** True if the first four bytes of {@code preamble} are the magic. */
    public static boolean hasMagic(byte[] preamble) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
