package dev.tern.message;

import dev.tern.client.TernDestination;
import dev.tern.transport.DestinationRef;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;

/** PLACEHOLDER until branch {@code messages} lands: a simple encoding of header, properties and text body. */
public final class MessageCodec {

    private MessageCodec() {
    }

    public static byte[] encode(Message message) throws JMSException {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            writeHeader(out, message);
            writeString(out, message.getJMSCorrelationID());
            writeString(out, message.getJMSType());
            @SuppressWarnings("unchecked")
            var names = Collections.list((java.util.Enumeration<String>) message.getPropertyNames());
            out.writeInt(names.size());
            for (String name : names) {
                out.writeUTF(name);
                writeValue(out, message.getObjectProperty(name));
            }
            writeString(out, message instanceof TextMessage text ? text.getText() : null);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new JMSException("cannot encode: " + e);
        }
    }

    private static void writeHeader(DataOutputStream out, Message message) throws IOException, JMSException {
        writeString(out, message.getJMSMessageID());
        DestinationRef ref = TernDestination.from(message.getJMSDestination()).ref();
        out.writeByte(ref.kind().ordinal());
        out.writeUTF(ref.name());
        out.writeBoolean(message.getJMSDeliveryMode() == DeliveryMode.PERSISTENT);
        out.writeInt(message.getJMSPriority());
        out.writeLong(message.getJMSTimestamp());
        out.writeLong(message.getJMSExpiration());
        out.writeLong(message.getJMSDeliveryTime());
    }

    public static MessageHeader readHeader(byte[] encoded) {
        try {
            return readHeader(new DataInputStream(new ByteArrayInputStream(encoded)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an encoded message", e);
        }
    }

    private static MessageHeader readHeader(DataInputStream in) throws IOException {
        String id = readString(in);
        DestinationRef ref = new DestinationRef(DestinationRef.Kind.values()[in.readByte()], in.readUTF());
        return new MessageHeader(id, ref, in.readBoolean(), in.readInt(), in.readLong(), in.readLong(), in.readLong());
    }

    public static TernMessage decode(byte[] encoded) throws JMSException {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
            MessageHeader h = readHeader(in);
            String correlationId = readString(in);
            String type = readString(in);
            int count = in.readInt();
            Map<String, Object> props = new java.util.LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                props.put(in.readUTF(), readValue(in));
            }
            String text = readString(in);
            TernTextMessage message = new TernTextMessage();
            message.setText(text);
            message.setJMSMessageID(h.messageId());
            message.setJMSDestination(TernDestination.of(h.destination()));
            message.setJMSDeliveryMode(h.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
            message.setJMSPriority(h.priority());
            message.setJMSTimestamp(h.timestamp());
            message.setJMSExpiration(h.expiration());
            message.setJMSDeliveryTime(h.deliveryTime());
            message.setJMSCorrelationID(correlationId);
            message.setJMSType(type);
            for (var e : props.entrySet()) {
                message.setObjectProperty(e.getKey(), e.getValue());
            }
            return message;
        } catch (IOException e) {
            throw new JMSException("cannot decode: " + e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v instanceof String s) {
            out.writeByte(0);
            out.writeUTF(s);
        } else if (v instanceof Integer i) {
            out.writeByte(1);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(2);
            out.writeLong(l);
        } else if (v instanceof Boolean b) {
            out.writeByte(3);
            out.writeBoolean(b);
        } else {
            out.writeByte(4);
            out.writeDouble(((Number) v).doubleValue());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        return switch (in.readByte()) {
            case 0 -> in.readUTF();
            case 1 -> in.readInt();
            case 2 -> in.readLong();
            case 3 -> in.readBoolean();
            default -> in.readDouble();
        };
    }
}
