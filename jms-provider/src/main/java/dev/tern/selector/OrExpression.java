package dev.tern.selector;

import java.util.List;

/** {@code a OR b OR ...}, kept flat so a long chain does not make a deep tree. */
final class OrExpression extends Condition {

    private final Expression[] operands;

    OrExpression(List<Expression> operands) {
        super(operands.toArray(new Expression[0]));
        this.operands = operands.toArray(new Expression[0]);
    }

    @Override
    Truth test(ValueSource source) {
        Truth result = Truth.FALSE;
        for (Expression operand : operands) {
            Truth truth = operand.test(source);
            if (truth == Truth.TRUE) {
                return Truth.TRUE; // TRUE whatever the rest is: skip reading more values
            }
            if (truth == Truth.UNKNOWN) {
                result = Truth.UNKNOWN;
            }
        }
        return result;
    }
}
