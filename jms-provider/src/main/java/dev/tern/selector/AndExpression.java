package dev.tern.selector;

import java.util.List;

/** {@code a AND b AND ...}, kept flat so a long chain does not make a deep tree. */
final class AndExpression extends Condition {

    private final Expression[] operands;

    AndExpression(List<Expression> operands) {
        super(operands.toArray(new Expression[0]));
        this.operands = operands.toArray(new Expression[0]);
    }

    @Override
    Truth test(ValueSource source) {
        Truth result = Truth.TRUE;
        for (Expression operand : operands) {
            Truth truth = operand.test(source);
            if (truth == Truth.FALSE) {
                return Truth.FALSE; // FALSE whatever the rest is: skip reading more values
            }
            if (truth == Truth.UNKNOWN) {
                result = Truth.UNKNOWN;
            }
        }
        return result;
    }
}
