package dev.tern.bench;

import jakarta.jms.ConnectionFactory;

/** One running broker of one column: the harness only talks to it through {@code jakarta.jms}. */
public interface BrokerUnderTest extends AutoCloseable {

    /** Null if this broker cannot be reached over that transport (the reason is {@link #unavailable}). */
    ConnectionFactory connectionFactory(Transport transport);

    /** Why {@link #connectionFactory} is null for that transport, or null if it is available. */
    String unavailable(Transport transport);

    /** Bytes the broker holds on disk now (journal, bindings, paging). */
    long diskBytes();

    @Override
    void close() throws Exception;
}
