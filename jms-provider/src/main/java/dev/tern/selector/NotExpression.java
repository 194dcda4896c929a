package dev.tern.selector;

/** {@code NOT a}. */
final class NotExpression extends Condition {

    private final Expression operand;

    NotExpression(Expression operand) {
        super(operand);
        this.operand = operand;
    }

    @Override
    Truth test(ValueSource source) {
        return operand.test(source).not();
    }
}
