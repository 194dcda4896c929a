package dev.tern.selector;

/** What the parser knows about an expression's type before any message is seen. */
enum StaticType {
    BOOLEAN("a boolean"),
    NUMERIC("a number"),
    STRING("a string"),
    /** A property: its type is only known per message. */
    ANY("a property");

    private final String description;

    StaticType(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    boolean known() {
        return this != ANY;
    }

    /** Can a value of this type stand where {@code wanted} is required (ANY fits anything)? */
    boolean fits(StaticType wanted) {
        return this == ANY || this == wanted;
    }
}
