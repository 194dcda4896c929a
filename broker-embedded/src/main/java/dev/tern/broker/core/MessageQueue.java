package dev.tern.broker.core;

import dev.tern.broker.store.Acknowledged;
import dev.tern.broker.store.Delivered;
import dev.tern.broker.store.DeliveryCounted;
import dev.tern.broker.store.JournalRecord;
import dev.tern.message.MessageCodec;
import dev.tern.selector.Selector;
import dev.tern.transport.Delivery;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One queue of messages: a JMS queue, or one topic subscription. It keeps the pending index (higher
 * priority first, then broker sequence; compact, see {@link PendingIndex}), the consumers, what is in
 * flight to each (as {@link QueueEntry} objects), and serves the consumers round robin, each up to its
 * credit. A message with a delivery time waits in the broker's scheduler and enters the pending index
 * only when it is due, so it never holds back the messages behind it.
 *
 * <p>Concurrency: all state is guarded by this object's monitor. The critical sections only move
 * entries between structures (and, for a consumer with a selector, read and decode candidate bodies).
 * Dispatch runs on the broker's dispatch pool, one pass at a time per queue ({@link SerialRunner}):
 * a pass picks deliveries under the monitor, reads their bodies without it, then hands them to the
 * listeners under the monitor again, so that a consumer never gets a delivery after
 * {@link #removeConsumer} returned. Listeners only enqueue and return ({@code DeliveryListener}
 * contract), so calling them under the monitor cannot deadlock.
 */
final class MessageQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MessageQueue.class);
    private static final int MAX_BATCH = 256;
    private static final long RETRY_MILLIS = 1000;

    private final String name;
    // Reused by every dispatch pass (the dispatcher never runs two at once), emptied after each.
    private final List<Assignment> passBatch = new ArrayList<>();
    private final List<QueueEntry> passExpired = new ArrayList<>();
    /** This queue as a send's only target, made once (a send to a queue then allocates no list). */
    private final List<MessageQueue> asOnlyTarget = List.of(this);
    private final String journalKey;
    private final BrokerServices services;
    private final SerialRunner dispatcher;
    /** What this queue holds in memory, for producer flow control. */
    private final DestinationUsage usage;

    private PendingIndex pending = new PendingIndex();
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private int nextConsumer;
    private int inFlightCount;
    private boolean deleted;
    /**
     * The highest sequence journalled as possibly delivered ({@link Delivered}); only the dispatch
     * pass (serial) and recovery (before any dispatch) touch it.
     */
    private long deliveredMark;

    /**
     * @param name       for logs
     * @param journalKey the key of its records in the journal, or null if it is never journalled
     *                   (temporary queues, non-durable subscriptions, memory-only broker)
     * @param usage      counts what it holds (every message from enqueue until removed for good)
     */
    MessageQueue(String name, String journalKey, BrokerServices services, DestinationUsage usage) {
        this.name = name;
        this.journalKey = journalKey;
        this.services = services;
        this.usage = usage;
        this.dispatcher = new SerialRunner(services.dispatch(), this::dispatchPass);
    }

    String name() {
        return name;
    }

    String journalKey() {
        return journalKey;
    }

    DestinationUsage usage() {
        return usage;
    }

    /** Recovery: deliveries up to that sequence were journalled before the restart. */
    void recoveredDeliveredMark(long highestSequence) {
        deliveredMark = Math.max(deliveredMark, highestSequence);
    }

    /** Adds a message: pending at once, or when its delivery time comes. */
    void enqueue(StoredMessage message) {
        enqueue(message, 0);
    }

    /**
     * Adds a recovered message that was already delivered {@code deliveryCount} times (at most:
     * the journal may overstate it), so its next delivery is flagged as a redelivery.
     */
    void enqueue(StoredMessage message, int deliveryCount) {
        usage.added(message);
        long delay = message.deliveryTime() - System.currentTimeMillis();
        if (delay <= 0) {
            makeAvailable(message, deliveryCount);
            return;
        }
        try {
            services.scheduler().schedule(() -> makeAvailable(message, deliveryCount), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Broker stopping: delayed message {} stays in the journal only", message.sequence());
        }
    }

    /**
     * Recovery, before any other use of the queue: takes over the recovered pending messages (whose
     * delivery time has come), with the queue's delivered mark and its journalled redelivery counts.
     */
    void recovered(PendingIndex recovered, long deliveredMark, Map<Long, Integer> deliveryCounts) {
        recovered.setRecoveredMark(deliveredMark);
        deliveryCounts.forEach(recovered::setDeliveryCount);
        synchronized (this) {
            this.deliveredMark = Math.max(this.deliveredMark, deliveredMark);
            if (!pending.isEmpty()) {
                throw new IllegalStateException(name + " already has pending messages");
            }
            pending = recovered;
        }
        usage.addedRecovered(recovered.size());
        dispatcher.request();
    }

    private void makeAvailable(StoredMessage message, int deliveryCount) {
        synchronized (this) {
            if (deleted) {
                usage.removed(message);
                return;
            }
            pending.add(message, deliveryCount);
        }
        dispatcher.request();
    }

    void addConsumer(QueueConsumer consumer) {
        synchronized (this) {
            consumers.add(consumer);
        }
        dispatcher.request();
    }

    /** Stops deliveries to the consumer; what is in flight to it stays there. */
    synchronized void removeConsumer(QueueConsumer consumer) {
        consumer.active = false;
        consumers.remove(consumer);
    }

    synchronized int consumerCount() {
        return consumers.size();
    }

    /** False once the consumer is closed and everything delivered to it is settled. */
    synchronized boolean isActiveOrInFlight(QueueConsumer consumer) {
        return consumer.active || !consumer.inFlight.isEmpty();
    }

    synchronized int inFlightCount() {
        return inFlightCount;
    }

    void addCredit(QueueConsumer consumer, int credit) {
        synchronized (this) {
            if (!consumer.active) {
                return;
            }
            consumer.credit += credit;
        }
        dispatcher.request();
    }

    /** Removes acknowledged deliveries for good; returns the journal records that make it durable. */
    List<JournalRecord> acknowledge(QueueConsumer consumer, Collection<Long> sequences) {
        List<QueueEntry> removed = new ArrayList<>(sequences.size());
        synchronized (this) {
            for (Long sequence : sequences) {
                QueueEntry entry = consumer.inFlight.remove(sequence);
                if (entry != null) {
                    inFlightCount--;
                    removed.add(entry);
                }
            }
        }
        removed.forEach(entry -> usage.removed(entry.message));
        return removalRecords(removed);
    }

    /**
     * Puts deliveries back in their original place. {@code delivered}: the application saw them, so
     * the count stays raised (the next delivery is a redelivery); otherwise the delivery is undone.
     */
    void release(QueueConsumer consumer, Collection<Long> sequences, boolean delivered) {
        synchronized (this) {
            for (Long sequence : sequences) {
                QueueEntry entry = consumer.inFlight.remove(sequence);
                if (entry != null) {
                    inFlightCount--;
                    putBack(entry, delivered);
                }
            }
            takeBackUnhanded(consumer);
        }
        dispatcher.request();
    }

    /**
     * Puts back what a running dispatch pass picked for the consumer but has not handed over yet, with
     * its credit: a session that gives messages back (recover, rollback) must next get the oldest of
     * them, not a later message that was on its way while it released the earlier ones.
     */
    private void takeBackUnhanded(QueueConsumer consumer) {
        Iterator<QueueEntry> it = consumer.inFlight.values().iterator();
        while (it.hasNext()) {
            QueueEntry entry = it.next();
            if (!entry.handed) {
                it.remove();
                inFlightCount--;
                if (consumer.active) {
                    consumer.credit++;
                }
                putBack(entry, false);
            }
        }
    }

    /**
     * Gives back everything in flight to the consumer (session recovery): the {@code seen} sequences
     * as delivered, the rest uncounted. The consumer's credit drops to 0: it gets nothing until its
     * client, having dropped what it held, grants its window again.
     */
    void recover(QueueConsumer consumer, Set<Long> seen) {
        synchronized (this) {
            Iterator<Map.Entry<Long, QueueEntry>> it = consumer.inFlight.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, QueueEntry> inFlight = it.next();
                QueueEntry entry = inFlight.getValue();
                it.remove();
                inFlightCount--;
                putBack(entry, entry.handed && seen.contains(inFlight.getKey()));
            }
            consumer.credit = 0;
        }
        dispatcher.request();
    }

    /** Releases everything in flight to the consumer as delivered (its connection closed). */
    void releaseAll(QueueConsumer consumer) {
        List<Long> sequences;
        synchronized (this) {
            sequences = new ArrayList<>(consumer.inFlight.keySet());
        }
        release(consumer, sequences, true);
    }

    private void putBack(QueueEntry entry, boolean delivered) {
        entry.handed = false;
        if (!delivered) {
            entry.deliveryCount--;
        }
        if (!deleted) {
            pending.add(entry.message, entry.deliveryCount);
        } else {
            usage.removed(entry.message);
        }
    }

    /** Drops every message; later additions are ignored. Returns how many pending messages were dropped. */
    synchronized int delete() {
        deleted = true;
        int dropped = pending.size();
        pending.messages().forEach(usage::removed);
        pending.clear();
        return dropped;
    }

    /** The pending messages in delivery order that match the selector (null = all), skipping expired ones. */
    List<byte[]> browse(Selector selector) {
        List<StoredMessage> snapshot;
        synchronized (this) {
            snapshot = pending.messages();
        }
        long now = System.currentTimeMillis();
        List<byte[]> result = new ArrayList<>(snapshot.size());
        for (StoredMessage message : snapshot) {
            if (message.expiredAt(now)) {
                continue;
            }
            byte[] body = readBody(message);
            if (body != null && (selector == null || matches(selector, body))) {
                result.add(body);
            }
        }
        return result;
    }

    /**
     * Drops the pending messages that have expired. Dispatch drops them as it meets them; this is for
     * a full queue that nobody consumes, so that expiry frees room for blocked producers.
     */
    void dropExpiredPending() {
        List<QueueEntry> expired = new ArrayList<>();
        long now = System.currentTimeMillis();
        synchronized (this) {
            PendingIndex.Cursor cursor = pending.cursor();
            while (cursor.next()) {
                if (cursor.expiredAt(now)) {
                    expired.add(cursor.remove());
                }
            }
        }
        dropExpired(expired);
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    // ---- dispatch -------------------------------------------------------------------------------

    /** One unit of work for a dispatch pass: this entry goes to this consumer. */
    private static final class Assignment {
        final QueueConsumer consumer;
        final QueueEntry entry;
        byte[] body;

        Assignment(QueueConsumer consumer, QueueEntry entry, byte[] body) {
            this.consumer = consumer;
            this.entry = entry;
            this.body = body;
        }
    }

    private void dispatchPass() {
        try {
            dispatchPass(passBatch, passExpired);
        } finally {
            passBatch.clear();
            passExpired.clear();
        }
    }

    private void dispatchPass(List<Assignment> batch, List<QueueEntry> expired) {
        boolean more;
        synchronized (this) {
            more = select(batch, expired);
        }
        dropExpired(expired);
        readBodies(batch);
        if (!journalDeliveries(batch)) {
            return;
        }
        synchronized (this) {
            for (int i = 0, n = batch.size(); i < n; i++) {
                more |= hand(batch.get(i));
            }
        }
        if (more) {
            dispatcher.request();
        }
    }

    /**
     * Fills in the bodies: from memory where they are kept, then the missing ones of one journal
     * document read together (a backlog beyond the body cache), then what is left one by one.
     */
    private void readBodies(List<Assignment> batch) {
        MessageStore store = services.store();
        int missing = 0;
        for (int i = 0, n = batch.size(); i < n; i++) {
            Assignment assignment = batch.get(i);
            if (assignment.body == null) {
                assignment.body = store.bodyInMemory(assignment.entry.message);
                if (assignment.body == null) {
                    missing++;
                }
            }
        }
        if (missing > 1) {
            List<StoredMessage> messages = new ArrayList<>(batch.size());
            byte[][] bodies = new byte[batch.size()][];
            for (int i = 0; i < bodies.length; i++) {
                messages.add(batch.get(i).entry.message);
                bodies[i] = batch.get(i).body;
            }
            store.fillBodies(messages, bodies);
            for (int i = 0; i < bodies.length; i++) {
                batch.get(i).body = bodies[i];
            }
        }
        for (int i = 0, n = batch.size(); i < n; i++) {
            Assignment assignment = batch.get(i);
            if (assignment.body == null) {
                assignment.body = readBody(assignment.entry.message);
            }
        }
    }

    /**
     * Journals, before the batch leaves the broker, what a restart needs to flag these deliveries as
     * redelivered: the highest sequence handed out (one small record per pass, and none at all while
     * older messages are redelivered) and the count of each redelivery (rare). If that fails, the
     * batch goes back to pending and dispatch is retried a little later; returns false then.
     */
    private boolean journalDeliveries(List<Assignment> batch) {
        if (journalKey == null || batch.isEmpty()) {
            return true;
        }
        List<JournalRecord> records = new ArrayList<>();
        long highest = deliveredMark;
        for (Assignment a : batch) {
            if (!a.entry.message.journalled()) {
                continue;
            }
            highest = Math.max(highest, a.entry.sequence());
            if (a.entry.deliveryCount > 1) {
                records.add(new DeliveryCounted(journalKey, a.entry.sequence(), a.entry.deliveryCount));
            }
        }
        if (highest > deliveredMark) {
            records.add(new Delivered(journalKey, highest));
        }
        if (records.isEmpty()) {
            return true;
        }
        try {
            services.store().append(records);
            deliveredMark = highest;
            return true;
        } catch (JMSException e) {
            LOG.warn("TERN-B006 could not journal deliveries of {}; they stay pending, retrying in {} ms",
                    name, RETRY_MILLIS, e);
            synchronized (this) {
                for (Assignment a : batch) {
                    if (a.consumer.inFlight.remove(a.entry.sequence(), a.entry)) {
                        inFlightCount--;
                        a.consumer.credit++;
                        putBack(a.entry, false);
                    }
                }
            }
            retryLater();
            return false;
        }
    }

    private void retryLater() {
        try {
            services.scheduler().schedule(dispatcher::request, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Broker stopping: no dispatch retry for {}", name);
        }
    }

    /** Picks deliveries round robin; returns true if it stopped at the batch limit. */
    private boolean select(List<Assignment> batch, List<QueueEntry> expired) {
        int n = consumers.size();
        if (n == 0 || pending.isEmpty()) {
            return false;
        }
        long now = System.currentTimeMillis();
        Map<Long, byte[]> bodies = null; // made by the first selector met: most passes have none
        nextConsumer %= n;
        int idle = 0;
        while (idle < n && !pending.isEmpty()) {
            if (batch.size() >= MAX_BATCH) {
                return true;
            }
            QueueConsumer consumer = consumers.get(nextConsumer);
            nextConsumer = (nextConsumer + 1) % n;
            if (consumer.selector != null && bodies == null) {
                bodies = new HashMap<>();
            }
            QueueEntry entry = consumer.credit > 0 ? takeFirstFor(consumer, now, expired, bodies) : null;
            if (entry == null) {
                idle++;
                continue;
            }
            idle = 0;
            entry.deliveryCount++;
            consumer.credit--;
            consumer.inFlight.put(entry.sequence(), entry);
            inFlightCount++;
            batch.add(new Assignment(consumer, entry, bodies == null ? null : bodies.remove(entry.sequence())));
        }
        return false;
    }

    /**
     * Takes out the first pending entry the consumer may take; expired entries met on the way are taken
     * out too. {@code bodies} caches, per sequence, the bodies read for selectors during this pass (null
     * when the consumer has no selector).
     */
    private QueueEntry takeFirstFor(QueueConsumer consumer, long now, List<QueueEntry> expired,
                                    Map<Long, byte[]> bodies) {
        PendingIndex.Cursor cursor = pending.cursor();
        while (cursor.next()) {
            if (cursor.expiredAt(now)) {
                expired.add(cursor.remove());
                continue;
            }
            if (consumer.selector == null) {
                return cursor.remove();
            }
            long sequence = cursor.sequence();
            byte[] body = bodies.get(sequence);
            if (body == null && !bodies.containsKey(sequence)) {
                body = readBody(cursor.message());
                bodies.put(sequence, body);
            }
            if (body != null && matches(consumer.selector, body)) {
                return cursor.remove();
            }
        }
        return null;
    }

    /** Gives one picked delivery to its listener; returns true if it went back to pending instead. */
    private boolean hand(Assignment a) {
        long sequence = a.entry.sequence();
        if (a.consumer.inFlight.get(sequence) != a.entry) {
            return false; // released meanwhile (its connection closed)
        }
        if (!a.consumer.active || a.body == null) {
            a.consumer.inFlight.remove(sequence);
            inFlightCount--;
            if (a.body == null) {
                usage.removed(a.entry.message);
                return false; // unreadable: dropped, see readBody
            }
            putBack(a.entry, false);
            return true;
        }
        a.entry.handed = true;
        try {
            a.consumer.listener.onDelivery(new Delivery(a.consumer.consumerId, sequence, a.entry.deliveryCount, a.body));
        } catch (RuntimeException e) {
            LOG.warn("TERN-B002 delivery listener of consumer {} on {} failed", a.consumer.consumerId, name, e);
        }
        return false;
    }

    private void dropExpired(List<QueueEntry> expired) {
        if (expired.isEmpty()) {
            return;
        }
        LOG.debug("Dropping {} expired messages from {}", expired.size(), name);
        expired.forEach(entry -> usage.removed(entry.message));
        List<JournalRecord> records = removalRecords(expired);
        try {
            services.store().append(records);
        } catch (JMSException e) {
            LOG.warn("TERN-B003 could not journal the removal of {} expired messages from {}; "
                    + "they will be dropped again after a restart", expired.size(), name, e);
        }
    }

    private List<JournalRecord> removalRecords(List<QueueEntry> entries) {
        if (journalKey == null) {
            return List.of();
        }
        List<JournalRecord> records = new ArrayList<>(entries.size());
        for (QueueEntry entry : entries) {
            if (entry.message.journalled()) {
                records.add(new Acknowledged(journalKey, entry.sequence()));
            }
        }
        return records;
    }

    /** The body, or null (logged) if the journal cannot give it back. */
    private byte[] readBody(StoredMessage message) {
        try {
            return services.store().body(message);
        } catch (RuntimeException e) {
            LOG.warn("TERN-B004 dropping message {} of {}: its body cannot be read from the journal",
                    message.sequence(), name, e);
            return null;
        }
    }

    private boolean matches(Selector selector, byte[] body) {
        try {
            Message message = MessageCodec.decode(body);
            return selector.matches(message);
        } catch (JMSException | RuntimeException e) {
            LOG.warn("TERN-B005 a message of {} cannot be decoded for its selector; it is not selected", name, e);
            return false;
        }
    }

    /** A list holding this queue only. */
    List<MessageQueue> asOnlyTarget() {
        return asOnlyTarget;
    }

    @Override
    public String toString() {
        return name;
    }
}
