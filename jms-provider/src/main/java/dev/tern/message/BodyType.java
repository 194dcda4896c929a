package dev.tern.message;

import java.util.function.Supplier;

/** The kinds of message body, with the code the codec writes for each. */
enum BodyType {
    NONE(0, TernMessage::new),
    TEXT(1, TernTextMessage::new),
    BYTES(2, TernBytesMessage::new),
    MAP(3, TernMapMessage::new),
    OBJECT(4, TernObjectMessage::new),
    STREAM(5, TernStreamMessage::new);

    private static final BodyType[] BY_CODE = values();

    final int code;
    private final Supplier<TernMessage> factory;

    BodyType(int code, Supplier<TernMessage> factory) {
        this.code = code;
        this.factory = factory;
    }

    TernMessage newMessage() {
        return factory.get();
    }

    static BodyType ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown body type " + code);
        }
        return BY_CODE[code];
    }
}
