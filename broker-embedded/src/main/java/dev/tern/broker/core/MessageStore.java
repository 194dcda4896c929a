package dev.tern.broker.core;

import dev.tern.broker.store.Journal;
import dev.tern.broker.store.JournalRecord;
import dev.tern.broker.store.JournalVisitor;
import dev.tern.broker.store.DiskSpaceGuard;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;

import java.util.List;

/** The journal as the broker uses it, or nothing at all for a memory-only broker. */
final class MessageStore implements AutoCloseable {

    private final Journal journal;

    /** @param journal the journal, or null for a broker that keeps everything in memory */
    MessageStore(Journal journal) {
        this.journal = journal;
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
            return sync ? journal.append(records) : journal.appendWithoutSync(records);
        } catch (DiskSpaceGuard.JournalFullException e) {
            ResourceAllocationException full = new ResourceAllocationException(
                    "TERN-B011 the broker's disk is full: " + e.getMessage() + "; nothing was stored, try again later");
            full.initCause(e);
            throw full;
        } catch (RuntimeException e) {
            throw jmsException("TERN-B010 journal append failed: " + e.getMessage(), e);
        }
    }

    /** The encoded message, from the heap or the journal. */
    byte[] body(StoredMessage message) {
        if (!message.journalled()) {
            return message.body();
        }
        return journal.readMessage(message.documentIndex(), message.sequence());
    }

    void replay(JournalVisitor visitor) {
        if (journal != null) {
            journal.replay(visitor);
        }
    }

    @Override
    public void close() throws Exception {
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
