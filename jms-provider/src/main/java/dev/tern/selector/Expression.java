package dev.tern.selector;

/**
 * A node of a parsed selector. Nodes are immutable, so one tree serves any number of threads.
 * Values flowing between nodes are Long, Integer, Short, Byte, Double, Float, String, Boolean, or null
 * for SQL NULL.
 */
abstract class Expression {

    private final int depth;

    Expression(Expression... children) {
        int deepest = 0;
        for (Expression child : children) {
            deepest = Math.max(deepest, child.depth);
        }
        this.depth = deepest + 1;
    }

    /** How deep the tree below (and including) this node is; evaluation recurses this deep. */
    final int depth() {
        return depth;
    }

    abstract StaticType type();

    /** This expression's value for one message, or null for NULL. */
    abstract Object evaluate(ValueSource source);

    /** This expression as a condition: a Boolean value is TRUE or FALSE, anything else UNKNOWN. */
    Truth test(ValueSource source) {
        return Truth.ofValue(evaluate(source));
    }
}
