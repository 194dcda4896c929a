package dev.tern.jndi;

import javax.naming.NamingEnumeration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A {@link NamingEnumeration} over a list built in advance: nothing to fail or release later. */
final class ListEnumeration<T> implements NamingEnumeration<T> {

    private final Iterator<T> items;

    ListEnumeration(List<T> items) {
        this.items = List.copyOf(items).iterator();
    }

    @Override
    public T next() {
        return nextElement();
    }

    @Override
    public boolean hasMore() {
        return items.hasNext();
    }

    @Override
    public boolean hasMoreElements() {
        return items.hasNext();
    }

    @Override
    public T nextElement() {
        if (!items.hasNext()) {
            throw new NoSuchElementException();
        }
        return items.next();
    }

    /** Nothing held open; the list stays readable. */
    @Override
    public void close() {
    }
}
