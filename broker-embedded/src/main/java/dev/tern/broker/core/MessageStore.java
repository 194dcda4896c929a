package dev.tern.broker.core;

import dev.tern.broker.store.Acknowledged;
import dev.tern.broker.store.Enqueued;
import dev.tern.broker.store.Journal;
import dev.tern.broker.store.JournalRecord;
import dev.tern.broker.store.JournalVisitor;
import dev.tern.broker.store.DiskSpaceGuard;
import dev.tern.broker.store.MessageStored;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;

import java.util.List;

/**
 * The journal as the broker uses it, or nothing at all for a memory-only broker. Bodies it has just
 * journalled stay in a bounded {@link BodyCache} until their queues acknowledge them, so that
 * dispatch does not read back what it was given a moment ago.
 */
final class MessageStore implements AutoCloseable {

    private final Journal journal;
    private final BodyCache recentBodies;

    /** @param journal the journal, or null for a broker that keeps everything in memory */
    MessageStore(Journal journal) {
        this(journal, new BodyCache(BodyCache.defaultBudget(), BodyCache.DEFAULT_SLOTS));
    }

    MessageStore(Journal journal, BodyCache recentBodies) {
        this.journal = journal;
        this.recentBodies = recentBodies;
    }

    /** True if persistent messages and durable subscriptions are journalled. */
    boolean durable() {
        return journal != null;
    }

    /** Appends the records as one atomic document; returns its index, or -1 if nothing was written. */
    long append(List<JournalRecord> records) throws JMSException {
        return append(records, true);
    }

    /** Same, but never waits for an fsync (the next fsync covers it); for automatic acknowledgements. */
    long appendWithoutSync(List<JournalRecord> records) throws JMSException {
        return append(records, false);
    }

    private long append(List<JournalRecord> records, boolean sync) throws JMSException {
        if (journal == null || records.isEmpty()) {
            return StoredMessage.NOT_JOURNALLED;
        }
        try {
            long index = sync ? journal.append(records) : journal.appendWithoutSync(records);
            remember(records);
            return index;
        } catch (DiskSpaceGuard.JournalFullException e) {
            ResourceAllocationException full = new ResourceAllocationException(
                    "TERN-B011 the broker's disk is full: " + e.getMessage() + "; nothing was stored, try again later");
            full.initCause(e);
            throw full;
        } catch (RuntimeException e) {
            throw jmsException("TERN-B010 journal append failed: " + e.getMessage(), e);
        }
    }

    /**
     * Keeps the bodies just stored, each with the number of queues it was enqueued on (the router
     * writes a message's {@link Enqueued} records right after its {@link MessageStored}), and lets
     * go of acknowledged ones.
     */
    private void remember(List<JournalRecord> records) {
        MessageStored stored = null;
        int enqueued = 0;
        for (int i = 0, n = records.size(); i < n; i++) {
            JournalRecord record = records.get(i);
            if (record instanceof MessageStored m) {
                if (stored != null) {
                    recentBodies.put(stored.sequence(), stored.message(), enqueued);
                }
                stored = m;
                enqueued = 0;
            } else if (record instanceof Enqueued e) {
                if (stored != null && e.sequence() == stored.sequence()) {
                    enqueued++;
                }
            } else if (record instanceof Acknowledged a) {
                recentBodies.release(a.sequence());
            }
        }
        if (stored != null) {
            recentBodies.put(stored.sequence(), stored.message(), enqueued);
        }
    }

    /** The encoded message if it is on the heap or in the body cache, else null (no journal read). */
    byte[] bodyInMemory(StoredMessage message) {
        return message.journalled() ? recentBodies.get(message.sequence()) : message.body();
    }

    /** The encoded message, from the heap or the journal; shared, never to be modified. */
    byte[] body(StoredMessage message) {
        if (!message.journalled()) {
            return message.body();
        }
        byte[] recent = recentBodies.get(message.sequence());
        if (recent != null) {
            return recent;
        }
        return journal.readMessage(message.documentIndex(), message.sequence());
    }

    /**
     * Fills in {@code bodies[i]} for {@code messages.get(i)} where it is null, as {@link #body} would,
     * except that consecutive messages of one journal document are read in one pass over it (a
     * transaction's document holds all its messages). What cannot be read that way stays null, for
     * {@link #body} to read (and report) one by one.
     */
    void fillBodies(List<StoredMessage> messages, byte[][] bodies) {
        int n = messages.size();
        for (int i = 0; i < n; i++) {
            if (bodies[i] == null) {
                bodies[i] = bodyInMemory(messages.get(i));
            }
        }
        int i = 0;
        while (i < n) {
            long document = messages.get(i).documentIndex();
            int end = i + 1;
            while (end < n && messages.get(end).documentIndex() == document) {
                end++;
            }
            if (journal != null && document != StoredMessage.NOT_JOURNALLED) {
                readFromDocument(document, messages, bodies, i, end);
            }
            i = end;
        }
    }

    /** Reads the missing bodies among messages [from, to), all of that document, if two or more are missing. */
    private void readFromDocument(long document, List<StoredMessage> messages, byte[][] bodies, int from, int to) {
        int missing = 0;
        for (int i = from; i < to; i++) {
            if (bodies[i] == null) {
                missing++;
            }
        }
        if (missing < 2) {
            return; // the single read costs the same
        }
        long[] sequences = new long[missing];
        int k = 0;
        for (int i = from; i < to; i++) {
            if (bodies[i] == null) {
                sequences[k++] = messages.get(i).sequence();
            }
        }
        java.util.Arrays.sort(sequences); // usually sorted already (pending order)
        byte[][] found = new byte[missing][];
        try {
            journal.readMessages(document, sequences, found);
        } catch (RuntimeException e) {
            return; // read one by one instead, which finds moved messages and reports what is lost
        }
        for (int i = from; i < to; i++) {
            if (bodies[i] == null) {
                int at = java.util.Arrays.binarySearch(sequences, messages.get(i).sequence());
                if (at >= 0) {
                    bodies[i] = found[at];
                }
            }
        }
    }

    void replay(JournalVisitor visitor) {
        if (journal != null) {
            journal.replay(visitor);
        }
    }

    @Override
    public void close() throws Exception {
        recentBodies.clear();
        if (journal != null) {
            journal.close();
        }
    }

    static JMSException jmsException(String message, Exception cause) {
        JMSException e = new JMSException(message);
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }
}
