package dev.tern.selector;

import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which selectors parse, which are rejected, and what the rejection says. */
class SyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "a = 1", "a=1", "a<>1", "a<=1", "a>=1", "a<1", "a>1",
            "JMSType='literal'", "JMSType='literal''s'",
            "a = -957 AND b = +62", "a = 035", "a = 0x1d", "a = 0b11101", "a = 1_000", "a = 9223372036854775807",
            "a = -9223372036854775808", "a = 0xFFFFFFFFFFFFFFFFL", "a = 01777777777777777777777L",
            "a = 7E3 AND b = -57.9E2", "a = 7.", "a = .5", "a = .7e4", "a = 1.5F", "a = 1.5d", "a = 1f",
            "a = 1.e3", "a = 0x1.8p1", "a = 0x.8p1", "a = 09.5", "a = 4.9E-324", "a = 1.7976931348623157E308",
            "TRUE", "FALSE", "true", "myProp", "$myProp = TRUE AND _myProp = FALSE", "a$_1 = 1",
            "naïve = 1", "日本 = 'x'", "ın = 1", "\u00e9t\u00e9 IS NULL",
            "NOT a", "NOT NOT a", "a AND b OR c", "a OR b AND NOT c", "(a)", "((a = 1))", "(((a)))",
            "a BETWEEN 1 AND 2", "a NOT BETWEEN 1 AND 2", "a BETWEEN -1 AND b + 2",
            "a IN ('x')", "a NOT IN ('x', 'y')", "a IN ('it''s')",
            "a LIKE 'x%'", "a NOT LIKE 'x' ESCAPE '\\'", "a LIKE '' ESCAPE '%'",
            "a IS NULL", "a IS NOT NULL", "(a) IS NULL",
            "a + b * c - d / e > 0", "-a < 0", "- -a = 1", "(a = 1) = TRUE", "(a > 1) <> (b > 2)",
            "TRUE = FALSE", "'a' = 'b'", "1 = 1", "1 = 1.0", "1 < 2.5", "'a' <> 'b'",
            "JMSDeliveryMode = 'PERSISTENT'", "JMSPriority > 4", "JMSXDeliveryCount > 1", "JMS_TERN_x = 1",
            "JMSMessageID = 'ID:1'", "JMSCorrelationID IS NULL", "JMSTimestamp > 0", "JMSType LIKE 'car%'",
            "JMSDeliveryMode IN ('PERSISTENT')", "JMSX = 1", "JMS_ = 1",
            "a = 1 - -b", "a = 1 -- b",
            "a\n=\n1", "\ta\t=\f1\r\n", "  a  =  1  ",
            "a between 1 and 2", "a Not In ('x')", "a iS nOt NuLl", "a lIkE 'x' eScApE '!'", "not a or b and c",
            "a = 1 oR b = 2 AnD c = 3",
            "ANDROID = 1 AND ISO = 'x' AND INDEX = 2 AND NOTE IS NULL AND ORDER > 1 AND LIKEs = 1 AND nullable",
            "BETWEENx = 1 OR ESCAPEd = 1 OR TRUEish OR FALSEly OR ORx OR NULLs IS NULL",
            "TestCaseNum NOT BETWEEN 1 AND 9999", "lastMessage = TRUE", "TEST = 'test'",
    })
    void parses(String selector) {
        assertDoesNotThrow(() -> Selector.parse(selector));
    }

    /** Each invalid selector, with words its error message must contain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # incomplete or misplaced tokens
            a =                               | ends where an operand
            = 1                               | Expected an operand but found '='
            a = = 1                           | Expected an operand but found '='
            a 1                               | Unexpected number 1
            (a = 1                            | Expected ')'
            a = 1)                            | Unexpected ')'
            a = 1 AND                         | ends where an operand
            AND a                             | Keyword AND
            a = 'abc                          | not closed
            a == 1                            | Expected an operand but found '='
            a != 1                            | <>
            a = 1; b = 2                      | Unexpected character ';'
            a = `x`                           | Unexpected character '`'
            a.b = 1                           | Unexpected character '.'
            a = 1 # x                         | Unexpected character '#'
            =TEST 'test'                      | Expected an operand
            a = 1 = 2                         | Unexpected '='
            a BETWEEN 1 2                     | Expected AND
            a BETWEEN 1 OR 2                  | Expected AND
            a IN 'x'                          | Expected '(' to open the IN list
            a IN ()                           | string literals only
            a IN ('x' 'y')                    | Expected ',' or ')'
            a IN ('x',)                       | string literals only
            a IS 1                            | Expected NULL after IS
            a IS NOT 1                        | Expected NULL after IS NOT
            a NOT NULL                        | Expected BETWEEN, IN or LIKE after NOT
            a NOT = 1                         | Expected BETWEEN, IN or LIKE after NOT
            # reserved words are not identifiers; NULL is not a value
            NULL = 0                          | NULL can only be used in IS NULL
            a = NULL                          | NULL can only be used in IS NULL
            NOT = 0                           | Expected an operand but found '='
            OR = 0                            | Keyword OR
            BETWEEN = 0                       | Keyword BETWEEN
            LIKE = 0                          | Keyword LIKE
            IN = 0                            | Keyword IN
            IS = 0                            | Keyword IS
            ESCAPE = 0                        | Keyword ESCAPE
            escape = 0                        | Keyword ESCAPE
            TRUE = 0                          | Cannot compare a boolean with a number
            FALSE = 0                         | Cannot compare a boolean with a number
            # a selector must be a condition
            5 + 3                             | A selector must be a condition, but this is a number
            'abc'                             | A selector must be a condition, but this is a string
            5                                 | must be a condition
            a + 1                             | must be a condition
            -a                                | must be a condition
            JMSPriority                       | must be a condition, but this is a number (JMSPriority)
            JMSType                           | must be a condition, but this is a string (JMSType)
            NOT 5                             | The operand of NOT must be a condition
            a AND 5                           | An operand of AND must be a condition
            5 AND a                           | An operand of AND must be a condition
            a OR 'x'                          | An operand of OR must be a condition
            # string and boolean operands where numbers are needed
            myProp > 'foo'                    | Operator > compares numbers only
            myProp >= 'foo'                   | Operator >= compares numbers only
            myProp < 'foo'                    | Operator < compares numbers only
            myProp <= 'foo'                   | Operator <= compares numbers only
            'foo' > TRUE                      | Operator > compares numbers only
            'foo' <= TRUE                     | compares numbers only
            a < TRUE                          | compares numbers only
            JMSType > 1                       | compares numbers only
            (a = 1) < 2                       | compares numbers only
            a + 'x' = 1                       | An operand of + must be a number, but this is a string
            a * TRUE = 1                      | An operand of * must be a number, but this is a boolean
            -'x' = 1                          | The operand of unary - must be a number
            +TRUE                             | The operand of unary + must be a number
            (a = 1) + 1 = 2                   | An operand of + must be a number, but this is a boolean
            JMSType + 1 = 2                   | An operand of + must be a number
            # unlike known types under = and <>
            'a' = 1                           | Cannot compare a string with a number
            'a' <> TRUE                       | Cannot compare a string with a boolean
            1 = 'a'                           | Cannot compare a number with a string
            JMSDeliveryMode = 2               | Cannot compare a string with a number
            JMSPriority = 'x'                 | Cannot compare a number with a string
            JMSTimestamp = TRUE               | Cannot compare a number with a boolean
            (a = 1) = 1                       | Cannot compare a boolean with a number
            # BETWEEN, IN, LIKE, IS NULL operands
            a BETWEEN 'foo' AND 'test'        | The lower bound of BETWEEN must be a number
            a BETWEEN 1 AND 'z'               | The upper bound of BETWEEN must be a number
            'a' BETWEEN 1 AND 2               | The value tested by BETWEEN must be a number
            JMSType BETWEEN 1 AND 2           | The value tested by BETWEEN must be a number
            a BETWEEN TRUE AND 2              | must be a number
            myProp NOT IN (1,2,3)             | string literals only, but found number 1
            a IN (b)                          | string literals only, but found identifier b
            1 IN ('x')                        | IN tests an identifier only
            a + 1 IN ('x')                    | IN tests an identifier only
            JMSPriority IN ('1')              | IN tests strings, but JMSPriority is a number
            myProp LIKE 7                     | LIKE needs a string literal pattern, but found number 7
            a LIKE b                          | LIKE needs a string literal pattern
            'a' LIKE 'a'                      | LIKE tests an identifier only
            JMSTimestamp LIKE '1%'            | LIKE tests strings
            a LIKE 'x' ESCAPE ''              | ESCAPE character must be exactly one character
            a LIKE 'x' ESCAPE 'ab'            | ESCAPE character must be exactly one character
            a LIKE 'x' ESCAPE 1               | ESCAPE needs a string literal
            a LIKE 'x!' ESCAPE '!'            | ends with the escape character
            1 IS NULL                         | IS NULL tests an identifier only
            a + 1 IS NULL                     | IS NULL tests an identifier only
            # number literals
            a = 09                            | octal literal (leading 0) has digit 9
            a = 1_                            | underscores may only stand between digits
            a = 1__                           | underscores may only stand between digits
            a = 1._5                          | Malformed number
            a = 0x                            | needs digits after 0x
            a = 0x_1                          | Malformed number
            a = 0b2                           | binary digits
            a = 0b                            | binary digits
            a = 1e                            | exponent needs digits
            a = 1e+                           | exponent needs digits
            a = 0x1.8                         | p exponent
            a = 12abc                         | unexpected 'a' in number
            a=1AND b=2                        | in number
            a = 1.5L                          | unexpected 'L' in number
            a = 9223372036854775808           | out of the range of long
            a = 99999999999999999999          | out of the range of long
            a = 0x10000000000000000           | out of the range of long
            a = 1e400                         | too large
            a = 3.5e38f                       | too large
            a = 1e-400                        | too small
            a = 1e-50f                        | too small
            # identifiers starting JMS other than the six headers, JMSX..., JMS_...
            JMSExpiration > 0                 | JMSExpiration cannot be used in a selector
            JMSRedelivered = TRUE             | JMSRedelivered cannot be used
            JMSDestination IS NULL            | JMSDestination cannot be used
            JMSReplyTo IS NULL                | JMSReplyTo cannot be used
            JMSDeliveryTime > 0               | JMSDeliveryTime cannot be used
            JMSFoo = 1                        | JMSFoo cannot be used
            JMSpriority = 1                   | JMSpriority cannot be used
            """)
    void rejects(String selector, String expectedInMessage) {
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class, () -> Selector.parse(selector));
        assertTrue(e.getMessage().contains(expectedInMessage),
                () -> "message for [" + selector + "] was: " + e.getMessage());
        assertTrue(e.getMessage().contains("at position "), e.getMessage());
    }

    @Test
    void errorSaysWhereWithOneBasedPosition() {
        assertPosition("a = = 1", 5);
        assertPosition("myProp > 'foo'", 10);
        assertPosition("a = 1 AND b", 11);   // b is not a problem...
        assertPosition("x IN (1)", 7);
        assertPosition("a = 'abc", 5);       // where the unclosed string starts
        assertPosition("a\n=\n#", 5);
        assertPosition("a = 1 AND", 10);     // at the end
        assertPosition("a LIKE 'x' ESCAPE 'ab'", 19);
        assertPosition("JMSExpiration > 0", 1);
    }

    private static void assertPosition(String selector, int position) {
        if (selector.equals("a = 1 AND b")) {
            assertDoesNotThrow(() -> Selector.parse(selector)); // a bare identifier is a valid condition
            return;
        }
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class, () -> Selector.parse(selector));
        assertTrue(e.getMessage().contains("at position " + position + " of selector: " + selector),
                () -> "expected position " + position + " in: " + e.getMessage());
    }

    @Test
    void longSelectorIsShownAsAnExcerptAroundTheError() {
        String selector = "a = 1 AND ".repeat(50) + "b = = 2" + " AND c = 3".repeat(50);
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class, () -> Selector.parse(selector));
        assertTrue(e.getMessage().contains("b = = 2"), e.getMessage());
        assertTrue(e.getMessage().contains("..."), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    void doubleQuotesDoNotMakeStrings() {
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class, () -> Selector.parse("a = \"x\""));
        assertTrue(e.getMessage().contains("Unexpected character '\"', at position 5"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u00a0= 1", "a =\u20031", "a\u000b= 1"})
    void onlyJavaWhitespaceSeparatesTokens(String selector) {
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class, () -> Selector.parse(selector));
        assertTrue(e.getMessage().contains("Unexpected character U+"), e.getMessage());
    }

    @Test
    void keywordsOnlyMatchAsciiLetters() throws Exception {
        // "ın" (dotless i) upper-cases to "IN" in Java, but it is an identifier, not the keyword.
        TestMessage m = new TestMessage().with("ın", true);
        assertTrue(Selector.parse("ın").matches(m));
        assertFalse(Selector.parse("ın AND FALSE").matches(m));
    }

    @Test
    void keywordsAreCaseInsensitiveEverywhere() {
        TestMessage m = new TestMessage().with("a", 5).with("s", "xyz").with("t", true);
        String[] selectors = {
            "a between 1 and 9 and s like 'x%' escape '!' and s in ('xyz') and t = true and not false"
                + " and s is not null and missing is null or false",
            "A = 5".replace("A", "a") + " AND S NOT IN ('q')".replace("S", "s"),
            "a BeTwEeN 1 AnD 9 oR FaLsE",
        };
        for (String selector : selectors) {
            assertEquals(Truth.TRUE, Eval.truth(selector, m), selector);
        }
    }

    @Test
    void whitespaceAndNewlinesAnywhereBetweenTokens() {
        TestMessage m = new TestMessage().with("a", 5).with("s", "x");
        String selector = "\r\n\t a\f>=\n3\tAND\r\n(\n s\n=\n'x'\n)\n OR \nFALSE \f\t\r\n";
        assertEquals(Truth.TRUE, Eval.truth(selector, m));
        assertEquals(Truth.TRUE, Eval.truth("s='x'AND(a=5)", m)); // no whitespace needed around symbols
    }
}
