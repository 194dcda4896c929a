package dev.tern.message;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * A message whose body is a serializable object. The object is serialized when it is set, so later
 * changes to it do not reach the message, and deserialized on each {@link #getObject()}, with the
 * thread's context class loader. Deserialization obeys the JVM's serialization filter
 * ({@code jdk.serialFilter}), the place to restrict which classes may arrive.
 */
public class TernObjectMessage extends TernMessage implements ObjectMessage {

    private byte[] serialized; // null when the body is null

    public TernObjectMessage() {
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = serialize(object);
    }

    @Override
    public Serializable getObject() throws JMSException {
        return serialized == null ? null : deserialize(serialized);
    }

    @Override
    Object bodyForGetBody() throws JMSException {
        return getObject();
    }

    /** False when the object cannot be deserialized, as the javadoc says. */
    @SuppressWarnings("rawtypes")
    @Override
    public boolean isBodyAssignableTo(Class c) {
        if (serialized == null) {
            return true;
        }
        try {
            return c.isInstance(deserialize(serialized));
        } catch (JMSException e) {
            return false;
        }
    }

    @Override
    BodyType bodyType() {
        return BodyType.OBJECT;
    }

    @Override
    void clearBodyContent() {
        serialized = null;
    }

    @Override
    int bodySizeHint() {
        return serialized == null ? 1 : serialized.length + 5;
    }

    @Override
    void encodeBody(WireWriter writer) {
        writer.writeNullableBytes(serialized);
    }

    @Override
    void decodeBody(WireReader reader) {
        serialized = reader.readNullableBytes();
    }

    @Override
    void copyBodyFrom(Message foreign) throws JMSException {
        serialized = serialize(((ObjectMessage) foreign).getObject());
    }

    private static byte[] serialize(Serializable object) throws MessageFormatException {
        if (object == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw FormatErrors.formatError("cannot serialize the object of an ObjectMessage: " + e, e);
        }
        return bytes.toByteArray();
    }

    private static Serializable deserialize(byte[] serialized) throws MessageFormatException {
        try (ObjectInputStream in = new ContextClassLoaderObjectInputStream(new ByteArrayInputStream(serialized))) {
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw FormatErrors.formatError("cannot deserialize the object of an ObjectMessage: " + e, e);
        }
    }

    /** Resolves classes with the thread's context class loader first: the application's classes in a container. */
    private static final class ContextClassLoaderObjectInputStream extends ObjectInputStream {

        ContextClassLoaderObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(description.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution (primitives, the JDK's and Tern's own classes)
                }
            }
            return super.resolveClass(description);
        }
    }
}
