package dev.tern.client;

import jakarta.jms.JMSException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns whatever a transport or broker call failed with into the JMSException the application sees. */
final class JmsFailures {

    private JmsFailures() {
    }

    static JMSException asJMSException(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof JMSException jms) {
            return jms;
        }
        JMSException wrapped = new JMSException(String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause));
        if (cause instanceof Exception e) {
            wrapped.setLinkedException(e);
        }
        wrapped.initCause(cause);
        return wrapped;
    }
}
