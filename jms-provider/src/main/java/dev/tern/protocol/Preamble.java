package dev.tern.protocol;

/** The five bytes a peer sent first: whether they are Tern's magic, and the protocol version. */
public record Preamble(boolean magicOk, byte version) {

    static Preamble of(byte[] bytes) {
        return new Preamble(Protocol.hasMagic(bytes), bytes[Protocol.MAGIC.length]);
    }

    public boolean compatible() {
        return magicOk && version == Protocol.VERSION;
    }
}
