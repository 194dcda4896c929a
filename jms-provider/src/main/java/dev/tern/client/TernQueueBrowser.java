package dev.tern.client;

import dev.tern.message.MessageCodec;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Looks at a queue's waiting messages without consuming them: a snapshot per enumeration. */
public final class TernQueueBrowser implements QueueBrowser {

    private final TernSession session;
    private final TernQueue queue;
    private final String selector;
    private volatile boolean closed;

    TernQueueBrowser(TernSession session, TernQueue queue, String selector) {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed || session.isClosed()) {
            throw new IllegalStateException("Browser is closed");
        }
    }

    void markClosed() {
        closed = true;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkOpen();
        List<byte[]> snapshot = session.connection().broker().browse(queue.ref(), selector);
        Iterator<byte[]> it = snapshot.iterator();
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public Message nextElement() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return MessageCodec.decode(it.next());
                } catch (JMSException e) {
                    throw new IllegalArgumentException("Cannot decode a browsed message", e);
                }
            }
        };
    }

    @Override
    public void close() throws JMSException {
        closed = true;
        session.browserClosed(this);
    }
}
