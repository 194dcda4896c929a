package dev.tern.protocol;

/** Why the broker refused a HELLO (first field of HELLO_REJECTED). */
public final class RejectCodes {
    public static final byte PROTOCOL = 1;
    public static final byte AUTHENTICATION = 2;
    public static final byte UNAVAILABLE = 3;

    private RejectCodes() {
    }
}
