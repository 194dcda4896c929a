package dev.tern.selector;

import jakarta.jms.InvalidSelectorException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for the selector grammar of Jakarta Messaging 3.1, section 3.8.1.1:
 *
 * <pre>
 * selector       := or END                      (must be a condition)
 * or             := and (OR and)*
 * and            := not (AND not)*
 * not            := NOT not | predicate
 * predicate      := sum [ compare-op sum
 *                       | [NOT] BETWEEN sum AND sum
 *                       | [NOT] IN '(' string (',' string)* ')'
 *                       | [NOT] LIKE string [ESCAPE string]
 *                       | IS [NOT] NULL ]
 * sum            := product (('+' | '-') product)*
 * product        := unary (('*' | '/') unary)*
 * unary          := ('+' | '-') unary | primary
 * primary        := literal | identifier | '(' or ')'
 * </pre>
 *
 * Types are checked where the parser can know them: a string or boolean literal cannot take part in
 * arithmetic or in {@code < <= > >=}; literals and headers of unlike types cannot be compared; IN, LIKE
 * and IS NULL need an identifier on the left; the whole selector must be a condition.
 */
final class Parser {

    /** Bounds the parser's recursion (parentheses, NOT, unary signs). */
    static final int MAX_NESTING = 100;
    /** Bounds evaluation's recursion: how deep the finished tree may be. */
    static final int MAX_DEPTH = 200;

    private final String text;
    private final Lexer lexer;
    private Token current;
    private int nesting;

    private Parser(String text) {
        this.text = text;
        this.lexer = new Lexer(text);
    }

    /** Parses a non-blank selector into its expression tree. */
    static Expression parse(String text) throws InvalidSelectorException {
        Parser parser = new Parser(text);
        parser.advance();
        return parser.selector();
    }

    private Expression selector() throws InvalidSelectorException {
        Token start = current;
        Expression root = or();
        if (current.type() != TokenType.END) {
            throw error(current, "Unexpected " + current.describe() + " where the selector should end or an"
                    + " operator should follow");
        }
        requireCondition(root, start, "A selector");
        if (root.depth() > MAX_DEPTH) {
            throw error(start, "Selector is nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
        return root;
    }

    // ---- logical operators ----

    private Expression or() throws InvalidSelectorException {
        Token start = current;
        Expression first = and();
        if (current.type() != TokenType.OR) {
            return first;
        }
        requireCondition(first, start, "An operand of OR");
        List<Expression> operands = new ArrayList<>();
        operands.add(first);
        while (accept(TokenType.OR)) {
            Token operandStart = current;
            Expression operand = and();
            requireCondition(operand, operandStart, "An operand of OR");
            operands.add(operand);
        }
        return new OrExpression(operands);
    }

    private Expression and() throws InvalidSelectorException {
        Token start = current;
        Expression first = not();
        if (current.type() != TokenType.AND) {
            return first;
        }
        requireCondition(first, start, "An operand of AND");
        List<Expression> operands = new ArrayList<>();
        operands.add(first);
        while (accept(TokenType.AND)) {
            Token operandStart = current;
            Expression operand = not();
            requireCondition(operand, operandStart, "An operand of AND");
            operands.add(operand);
        }
        return new AndExpression(operands);
    }

    private Expression not() throws InvalidSelectorException {
        if (current.type() != TokenType.NOT) {
            return predicate();
        }
        Token not = current;
        advance();
        enter(not);
        Token operandStart = current;
        Expression operand = not();
        nesting--;
        requireCondition(operand, operandStart, "The operand of NOT");
        return new NotExpression(operand);
    }

    // ---- comparisons and predicates ----

    private Expression predicate() throws InvalidSelectorException {
        Token start = current;
        Expression left = sum();
        Token operator = current;
        switch (operator.type()) {
            case EQUAL: return comparison(ComparisonOperator.EQUAL, left, start);
            case NOT_EQUAL: return comparison(ComparisonOperator.NOT_EQUAL, left, start);
            case LESS: return comparison(ComparisonOperator.LESS, left, start);
            case LESS_OR_EQUAL: return comparison(ComparisonOperator.LESS_OR_EQUAL, left, start);
            case GREATER: return comparison(ComparisonOperator.GREATER, left, start);
            case GREATER_OR_EQUAL: return comparison(ComparisonOperator.GREATER_OR_EQUAL, left, start);
            case BETWEEN: case IN: case LIKE:
                return negatable(left, start, false);
            case NOT:
                advance();
                if (current.type() != TokenType.BETWEEN && current.type() != TokenType.IN
                        && current.type() != TokenType.LIKE) {
                    throw error(current, "Expected BETWEEN, IN or LIKE after NOT but found " + current.describe());
                }
                return negatable(left, start, true);
            case IS:
                return isNull(left, start);
            default:
                return left;
        }
    }

    private Expression negatable(Expression left, Token start, boolean negated) throws InvalidSelectorException {
        return switch (current.type()) {
            case BETWEEN -> between(left, start, negated);
            case IN -> in(left, start, negated);
            default -> like(left, start, negated);
        };
    }

    private Expression comparison(ComparisonOperator operator, Expression left, Token leftStart)
            throws InvalidSelectorException {
        Token operatorToken = current;
        advance();
        Token rightStart = current;
        Expression right = sum();
        if (operator.isOrdering()) {
            requireOrderable(left, leftStart, operator);
            requireOrderable(right, rightStart, operator);
        } else if (left.type().known() && right.type().known() && left.type() != right.type()) {
            throw error(operatorToken, "Cannot compare " + left.type().description() + " with "
                    + right.type().description() + " (" + operator.symbol() + " needs operands of like types)");
        }
        return new Comparison(operator, left, right);
    }

    private void requireOrderable(Expression operand, Token at, ComparisonOperator operator)
            throws InvalidSelectorException {
        StaticType type = operand.type();
        if (type == StaticType.STRING || type == StaticType.BOOLEAN) {
            throw error(at, "Operator " + operator.symbol() + " compares numbers only, but this operand is "
                    + type.description() + " (strings and booleans allow only = and <>)");
        }
    }

    private Expression between(Expression value, Token start, boolean negated) throws InvalidSelectorException {
        requireNumeric(value, start, "The value tested by BETWEEN");
        advance(); // BETWEEN
        Token lowStart = current;
        Expression low = sum();
        requireNumeric(low, lowStart, "The lower bound of BETWEEN");
        expect(TokenType.AND, "AND between the bounds of BETWEEN");
        Token highStart = current;
        Expression high = sum();
        requireNumeric(high, highStart, "The upper bound of BETWEEN");
        return new Between(value, low, high, negated);
    }

    private Expression in(Expression left, Token start, boolean negated) throws InvalidSelectorException {
        Identifier identifier = requireStringIdentifier(left, start, "IN");
        advance(); // IN
        expect(TokenType.LEFT_PAREN, "'(' to open the IN list");
        List<String> values = new ArrayList<>();
        do {
            if (current.type() != TokenType.STRING) {
                throw error(current, "The IN list takes string literals only, but found " + current.describe());
            }
            values.add((String) current.value());
            advance();
        } while (accept(TokenType.COMMA));
        expect(TokenType.RIGHT_PAREN, "',' or ')' in the IN list");
        return new InList(identifier, values, negated);
    }

    private Expression like(Expression left, Token start, boolean negated) throws InvalidSelectorException {
        Identifier identifier = requireStringIdentifier(left, start, "LIKE");
        advance(); // LIKE
        if (current.type() != TokenType.STRING) {
            throw error(current, "LIKE needs a string literal pattern, but found " + current.describe());
        }
        Token patternToken = current;
        advance();
        int escape = -1;
        if (current.type() == TokenType.ESCAPE) {
            advance();
            if (current.type() != TokenType.STRING) {
                throw error(current, "ESCAPE needs a string literal of one character, but found "
                        + current.describe());
            }
            String escapeText = (String) current.value();
            if (escapeText.isEmpty() || escapeText.codePointCount(0, escapeText.length()) != 1) {
                throw error(current, "The ESCAPE character must be exactly one character, but "
                        + current.text() + " has " + escapeText.codePointCount(0, escapeText.length()));
            }
            escape = escapeText.codePointAt(0);
            advance();
        }
        try {
            return new Like(identifier, LikePattern.compile((String) patternToken.value(), escape), negated);
        } catch (IllegalArgumentException e) {
            throw error(patternToken, "Invalid LIKE pattern " + patternToken.text() + ": " + e.getMessage());
        }
    }

    private Expression isNull(Expression left, Token start) throws InvalidSelectorException {
        if (!(left instanceof Identifier identifier)) {
            throw error(start, "IS NULL tests an identifier only");
        }
        advance(); // IS
        boolean negated = accept(TokenType.NOT);
        expect(TokenType.NULL, "NULL after IS" + (negated ? " NOT" : ""));
        return new IsNull(identifier, negated);
    }

    // ---- arithmetic ----

    private Expression sum() throws InvalidSelectorException {
        Token start = current;
        Expression left = product();
        while (current.type() == TokenType.PLUS || current.type() == TokenType.MINUS) {
            Arithmetic.Operator operator = current.type() == TokenType.PLUS
                    ? Arithmetic.Operator.ADD : Arithmetic.Operator.SUBTRACT;
            advance();
            Token rightStart = current;
            Expression right = product();
            left = arithmetic(operator, left, start, right, rightStart);
        }
        return left;
    }

    private Expression product() throws InvalidSelectorException {
        Token start = current;
        Expression left = unary();
        while (current.type() == TokenType.STAR || current.type() == TokenType.SLASH) {
            Arithmetic.Operator operator = current.type() == TokenType.STAR
                    ? Arithmetic.Operator.MULTIPLY : Arithmetic.Operator.DIVIDE;
            advance();
            Token rightStart = current;
            Expression right = unary();
            left = arithmetic(operator, left, start, right, rightStart);
        }
        return left;
    }

    private Expression arithmetic(Arithmetic.Operator operator, Expression left, Token leftStart,
                                  Expression right, Token rightStart) throws InvalidSelectorException {
        String role = "An operand of " + operator.symbol();
        requireNumeric(left, leftStart, role);
        requireNumeric(right, rightStart, role);
        return new Arithmetic(operator, left, right);
    }

    private Expression unary() throws InvalidSelectorException {
        if (current.type() != TokenType.PLUS && current.type() != TokenType.MINUS) {
            return primary();
        }
        Token sign = current;
        boolean negate = sign.type() == TokenType.MINUS;
        advance();
        if (negate && current.isLongMinMagnitude()) {
            advance(); // -9223372036854775808: Long.MIN_VALUE, as in Java
            return new Literal(Long.MIN_VALUE);
        }
        enter(sign);
        Token operandStart = current;
        Expression operand = unary();
        nesting--;
        requireNumeric(operand, operandStart, "The operand of unary " + sign.text());
        if (operand instanceof Literal literal) {
            return negate ? negated(literal) : literal; // fold: -957 is a literal
        }
        return new UnarySign(operand, negate);
    }

    private static Literal negated(Literal literal) {
        if (literal.value() instanceof Long value) {
            return new Literal(-value);
        }
        return new Literal(-(Double) literal.value());
    }

    private Expression primary() throws InvalidSelectorException {
        Token token = current;
        switch (token.type()) {
            case STRING:
            case APPROXIMATE_NUMBER:
                advance();
                return new Literal(token.value());
            case EXACT_NUMBER:
                if (token.isLongMinMagnitude()) {
                    throw error(token, "Integer literal " + token.text()
                            + " is out of the range of long (only -" + token.text() + " is allowed)");
                }
                advance();
                return new Literal(token.value());
            case TRUE:
                advance();
                return new Literal(Boolean.TRUE);
            case FALSE:
                advance();
                return new Literal(Boolean.FALSE);
            case IDENTIFIER:
                advance();
                return identifier(token);
            case LEFT_PAREN:
                advance();
                enter(token);
                Expression inner = or();
                nesting--;
                expect(TokenType.RIGHT_PAREN, "')' to close the '(' at position " + (token.position() + 1));
                return inner;
            case NULL:
                throw error(token, "NULL can only be used in IS NULL or IS NOT NULL");
            case END:
                throw error(token, "Selector ends where an operand is expected");
            default:
                if (token.type().isKeyword()) {
                    throw error(token, "Keyword " + token.text().toUpperCase(Locale.ROOT)
                            + " cannot be used as an identifier or value here");
                }
                throw error(token, "Expected an operand but found " + token.describe());
        }
    }

    /**
     * Six header names are headers; names starting JMSX or JMS_ are properties; names starting JMS
     * otherwise are rejected: the specification restricts header references to those six and reserves
     * the JMS prefix, so such a name can only be a mistake (JMSExpiration, JMSRedelivered, ...).
     */
    private Identifier identifier(Token token) throws InvalidSelectorException {
        String name = token.text();
        HeaderField header = HeaderField.named(name);
        if (header != null) {
            return Identifier.header(header);
        }
        if (name.startsWith("JMS") && !name.startsWith("JMSX") && !name.startsWith("JMS_")) {
            throw error(token, "Identifier " + name + " cannot be used in a selector: of the names starting"
                    + " with JMS, only JMSDeliveryMode, JMSPriority, JMSMessageID, JMSTimestamp,"
                    + " JMSCorrelationID, JMSType and properties named JMSX... or JMS_... are allowed");
        }
        return Identifier.property(name);
    }

    // ---- checks ----

    private void requireCondition(Expression expression, Token at, String role) throws InvalidSelectorException {
        if (!expression.type().fits(StaticType.BOOLEAN)) {
            throw error(at, role + " must be a condition, but this is " + expression.type().description()
                    + describeIdentifier(expression));
        }
    }

    private void requireNumeric(Expression expression, Token at, String role) throws InvalidSelectorException {
        if (!expression.type().fits(StaticType.NUMERIC)) {
            throw error(at, role + " must be a number, but this is " + expression.type().description()
                    + describeIdentifier(expression));
        }
    }

    private Identifier requireStringIdentifier(Expression left, Token start, String operator)
            throws InvalidSelectorException {
        if (!(left instanceof Identifier identifier)) {
            throw error(start, operator + " tests an identifier only, but its left side is "
                    + left.type().description() + " expression");
        }
        if (!identifier.type().fits(StaticType.STRING)) {
            throw error(start, operator + " tests strings, but " + identifier.name() + " is "
                    + identifier.type().description());
        }
        return identifier;
    }

    private static String describeIdentifier(Expression expression) {
        return expression instanceof Identifier identifier ? " (" + identifier.name() + ")" : "";
    }

    // ---- token handling ----

    private void advance() throws InvalidSelectorException {
        current = lexer.next();
    }

    private boolean accept(TokenType type) throws InvalidSelectorException {
        if (current.type() != type) {
            return false;
        }
        advance();
        return true;
    }

    private void expect(TokenType type, String wanted) throws InvalidSelectorException {
        if (current.type() != type) {
            throw error(current, "Expected " + wanted + " but found " + current.describe());
        }
        advance();
    }

    private void enter(Token at) throws InvalidSelectorException {
        if (++nesting > MAX_NESTING) {
            throw error(at, "Selector is nested too deeply (more than " + MAX_NESTING + " levels)");
        }
    }

    private InvalidSelectorException error(Token at, String what) {
        return SelectorErrors.at(text, at.position(), what);
    }
}
