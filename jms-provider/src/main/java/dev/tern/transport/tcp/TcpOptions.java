package dev.tern.transport.tcp;

import dev.tern.protocol.Protocol;
import jakarta.jms.JMSException;

import java.util.Map;

/**
 * The TCP transport's URL options. Options it does not know (the client's, such as {@code clientID}
 * or {@code prefetch}) are left alone.
 *
 * @param connectTimeoutMillis   how long connecting plus the handshake may take
 * @param heartbeatIntervalMillis how often the broker should send a heartbeat when it has nothing else
 *                               to send (0: never)
 * @param heartbeatTimeoutMillis the broker is declared dead after this long without any frame (0: never)
 * @param maxFrameSize           largest frame accepted from the broker
 * @param producerWindowSize     bytes of non-persistent sends to one destination that may await the
 *                               broker's receipt before a further send waits
 */
public record TcpOptions(int connectTimeoutMillis, int heartbeatIntervalMillis, int heartbeatTimeoutMillis,
                         int maxFrameSize, int producerWindowSize) {

    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String HEARTBEAT_INTERVAL = "heartbeatInterval";
    public static final String HEARTBEAT_TIMEOUT = "heartbeatTimeout";
    public static final String MAX_FRAME_SIZE = "maxFrameSize";
    public static final String PRODUCER_WINDOW_SIZE = "producerWindowSize";

    static final int DEFAULT_CONNECT_TIMEOUT = 10_000;
    static final int DEFAULT_HEARTBEAT_INTERVAL = 10_000;
    static final int DEFAULT_PRODUCER_WINDOW_SIZE = 1 << 20;

    /** Reads the options; a value that is not a number in range is a {@code JMSException} naming it. */
    public static TcpOptions parse(Map<String, String> options) throws JMSException {
        int connect = number(options, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, 1);
        int interval = number(options, HEARTBEAT_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL, 0);
        int timeout = number(options, HEARTBEAT_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, 3L * interval), 0);
        int maxFrame = number(options, MAX_FRAME_SIZE, Protocol.DEFAULT_MAX_FRAME_SIZE, 1024);
        int window = number(options, PRODUCER_WINDOW_SIZE, DEFAULT_PRODUCER_WINDOW_SIZE, 1);
        return new TcpOptions(connect, interval, timeout, maxFrame, window);
    }

    private static int number(Map<String, String> options, String key, int defaultValue, int min)
            throws JMSException {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min) {
                throw new JMSException("Option " + key + " must be at least " + min + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            JMSException bad = new JMSException("Option " + key + " is not a number: " + value);
            bad.initCause(e);
            throw bad;
        }
    }
}
