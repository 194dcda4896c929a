package dev.tern.selector;

/** A header field reference (one of {@link HeaderField}) or a property reference. */
final class Identifier extends Expression {

    private final String name;
    private final HeaderField header;

    private Identifier(String name, HeaderField header) {
        this.name = name;
        this.header = header;
    }

    static Identifier header(HeaderField field) {
        return new Identifier(field.identifier(), field);
    }

    static Identifier property(String name) {
        return new Identifier(name, null);
    }

    String name() {
        return name;
    }

    @Override
    StaticType type() {
        return header == null ? StaticType.ANY : header.type();
    }

    @Override
    Object evaluate(ValueSource source) {
        Object raw = header == null ? source.property(name) : source.header(header);
        return Values.usable(raw);
    }
}
