package dev.tern.transport;

/**
 * Receives the deliveries for one consumer. Called on a broker or transport thread: it must hand the
 * delivery over and return at once, never block or call back into the broker.
 */
@FunctionalInterface
public interface DeliveryListener {
    void onDelivery(Delivery delivery);
}
