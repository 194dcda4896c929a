package dev.tern.protocol;

import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.DeliveryTag;
import dev.tern.transport.DestinationRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** How the transport SPI's records are laid out in frames. */
public final class WireTypes {

    private static final DestinationRef.Kind[] KINDS = DestinationRef.Kind.values();

    private WireTypes() {
    }

    public static void writeDestination(FrameBuilder out, DestinationRef destination) {
        out.writeByte(destination.kind().ordinal());
        out.writeString(destination.name());
    }

    public static DestinationRef readDestination(FrameReader in) {
        int kind = in.readByte();
        if (kind < 0 || kind >= KINDS.length) {
            throw new ProtocolException("unknown destination kind " + kind);
        }
        return new DestinationRef(KINDS[kind], in.readNonNullString("destination name"));
    }

    public static void writeSpec(FrameBuilder out, ConsumerSpec spec) {
        out.writeLong(spec.consumerId());
        writeDestination(out, spec.destination());
        out.writeString(spec.selector());
        out.writeBoolean(spec.noLocal());
        out.writeString(spec.subscriptionName());
        out.writeBoolean(spec.durable());
        out.writeBoolean(spec.shared());
        out.writeInt(spec.prefetch());
    }

    public static ConsumerSpec readSpec(FrameReader in) {
        long consumerId = in.readLong();
        DestinationRef destination = readDestination(in);
        String selector = in.readString();
        boolean noLocal = in.readBoolean();
        String subscription = in.readString();
        boolean durable = in.readBoolean();
        boolean shared = in.readBoolean();
        int prefetch = in.readInt();
        if (prefetch < 0) {
            throw new ProtocolException("prefetch must not be negative: " + prefetch);
        }
        return new ConsumerSpec(consumerId, destination, selector, noLocal, subscription, durable, shared, prefetch);
    }

    public static void writeTags(FrameBuilder out, Collection<DeliveryTag> tags) {
        out.writeInt(tags.size());
        for (DeliveryTag tag : tags) {
            out.writeLong(tag.consumerId());
            out.writeLong(tag.sequence());
        }
    }

    public static void writeIds(FrameBuilder out, Collection<Long> ids) {
        out.writeInt(ids.size());
        for (Long id : ids) {
            out.writeLong(id);
        }
    }

    public static List<Long> readIds(FrameReader in) {
        int count = in.readCount(8);
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(in.readLong());
        }
        return ids;
    }

    public static List<DeliveryTag> readTags(FrameReader in) {
        int count = in.readCount(16);
        List<DeliveryTag> tags = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tags.add(new DeliveryTag(in.readLong(), in.readLong()));
        }
        return tags;
    }
}
