package dev.tern.protocol;

/**
 * The frame types. Requests (client to broker) carry a correlation id right after the type; the
 * broker answers each with {@link #RESPONSE} or {@link #ERROR} carrying the same id, unless the id is
 * {@link Protocol#NO_RESPONSE}. Pushes (broker to client) carry no correlation id.
 */
public final class FrameType {

    // handshake
    public static final byte HELLO = 0x01;
    public static final byte HELLO_OK = 0x02;
    public static final byte HELLO_REJECTED = 0x03;
    /** Either direction, no fields: keeps the link alive when nothing else was written. */
    public static final byte HEARTBEAT = 0x04;

    // requests: one per BrokerConnection method
    public static final byte SET_CLIENT_ID = 0x10;
    public static final byte CREATE_CONSUMER = 0x11;
    public static final byte ADD_CREDIT = 0x12;
    public static final byte CLOSE_CONSUMER = 0x13;
    public static final byte SEND = 0x14;
    public static final byte ACKNOWLEDGE = 0x15;
    public static final byte RELEASE = 0x16;
    public static final byte COMMIT = 0x17;
    public static final byte ROLLBACK = 0x18;
    public static final byte BROWSE = 0x19;
    public static final byte CREATE_TEMPORARY = 0x1A;
    public static final byte DELETE_TEMPORARY = 0x1B;
    public static final byte UNSUBSCRIBE = 0x1C;
    public static final byte CLOSE = 0x1D;
    public static final byte RECOVER = 0x1E;

    // responses
    public static final byte RESPONSE = 0x20;
    public static final byte ERROR = 0x21;

    // pushes
    public static final byte DELIVERY = 0x30;
    /** The broker ends the connection (it stops, or the connection broke a rule): a reason follows. */
    public static final byte CONNECTION_FAILED = 0x31;

    private FrameType() {
    }

    public static boolean isRequest(byte type) {
        return type >= SET_CLIENT_ID && type <= RECOVER;
    }

    public static String name(byte type) {
        return switch (type) {
            case HELLO -> "HELLO";
            case HELLO_OK -> "HELLO_OK";
            case HELLO_REJECTED -> "HELLO_REJECTED";
            case HEARTBEAT -> "HEARTBEAT";
            case SET_CLIENT_ID -> "SET_CLIENT_ID";
            case CREATE_CONSUMER -> "CREATE_CONSUMER";
            case ADD_CREDIT -> "ADD_CREDIT";
            case CLOSE_CONSUMER -> "CLOSE_CONSUMER";
            case SEND -> "SEND";
            case ACKNOWLEDGE -> "ACKNOWLEDGE";
            case RELEASE -> "RELEASE";
            case COMMIT -> "COMMIT";
            case ROLLBACK -> "ROLLBACK";
            case BROWSE -> "BROWSE";
            case CREATE_TEMPORARY -> "CREATE_TEMPORARY";
            case DELETE_TEMPORARY -> "DELETE_TEMPORARY";
            case UNSUBSCRIBE -> "UNSUBSCRIBE";
            case CLOSE -> "CLOSE";
            case RECOVER -> "RECOVER";
            case RESPONSE -> "RESPONSE";
            case ERROR -> "ERROR";
            case DELIVERY -> "DELIVERY";
            case CONNECTION_FAILED -> "CONNECTION_FAILED";
            default -> String.format("unknown(0x%02x)", type);
        };
    }
}
