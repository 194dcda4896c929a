package dev.tern.broker.net;

/**
 * Checks the user and password a client gave in its HELLO. Returning false (or throwing, e.g. a
 * {@code SecurityException} whose message is the reason) refuses the connection: the client's
 * {@code createConnection} fails with {@code JMSSecurityException}. May block (it runs on a worker
 * thread, not on a network thread). Without one, an acceptor checks the broker's configured users.
 */
@FunctionalInterface
public interface Authenticator {

    /** Accepts every client: what a broker with no users configured does. */
    Authenticator ACCEPT_ALL = (user, password) -> true;

    /**
     * @param user     as the client gave it; null if it gave none
     * @param password as the client gave it; null if it gave none
     */
    boolean authenticate(String user, String password);
}
