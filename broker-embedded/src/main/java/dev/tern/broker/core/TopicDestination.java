package dev.tern.broker.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A topic: the subscriptions a published message is copied to. Read on every send, changed rarely. */
final class TopicDestination {

    private final String name;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    TopicDestination(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    void add(Subscription subscription) {
        subscriptions.add(subscription);
    }

    void remove(Subscription subscription) {
        subscriptions.remove(subscription);
    }
}
