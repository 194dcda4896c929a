package dev.tern.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LIKE patterns: wildcards, ESCAPE, and characters that would be special in a regular expression. */
class LikeTest {

    private static boolean like(String pattern, String escape, String value) {
        String selector = "v LIKE '" + pattern.replace("'", "''") + "'"
                + (escape == null ? "" : " ESCAPE '" + escape.replace("'", "''") + "'");
        Truth truth = Eval.truth(selector, new TestMessage().with("v", value));
        assertEquals(truth == Truth.TRUE ? Truth.FALSE : Truth.TRUE,
                Eval.truth(selector.replace(" LIKE ", " NOT LIKE "), new TestMessage().with("v", value)),
                "NOT LIKE must be the negation for a string value: " + selector);
        return truth == Truth.TRUE;
    }

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' ESCAPE {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NONE", textBlock = """
            # the specification's examples
            12%3          | 123        | NONE | true
            12%3          | 12993      | NONE | true
            12%3          | 1234       | NONE | false
            l_se          | lose       | NONE | true
            l_se          | loose      | NONE | false
            \\_%          | _foo       | \\   | true
            \\_%          | bar        | \\   | false
            # the TCK's escape examples
            A_fo_A%f%     | _foo%foo   | A    | true
            A%fooA_       | %foo_      | A    | true
            A%fooA_       | xfoo_      | A    | false
            A_A_          | __         | A    | true
            \\__\\%%      | _a%b       | \\   | true
            # wildcards
            %             | ""         | NONE | true
            %             | anything   | NONE | true
            %%            | ""         | NONE | true
            _             | ""         | NONE | false
            _             | a          | NONE | true
            _             | ab         | NONE | false
            __            | ab         | NONE | true
            ""            | ""         | NONE | true
            ""            | a          | NONE | false
            abc           | abc        | NONE | true
            abc           | abcd       | NONE | false
            abc           | ABC        | NONE | false
            a%            | a          | NONE | true
            %a            | ba         | NONE | true
            %a%           | xax        | NONE | true
            %a%           | xyz        | NONE | false
            a%b%c         | abc        | NONE | true
            a%b%c         | aXbYc      | NONE | true
            a%b%c         | aXbYcZ     | NONE | false
            %ab           | aab        | NONE | true
            %a%b%c        | xaxbxcxc   | NONE | true
            %aab          | aaab       | NONE | true
            a%a%a         | aaa        | NONE | true
            a%a%a         | aa         | NONE | false
            _%_           | ab         | NONE | true
            _%_           | a          | NONE | false
            %_%_%         | ab         | NONE | true
            # regular-expression characters are literal
            a.c           | a.c        | NONE | true
            a.c           | abc        | NONE | false
            a*            | a*         | NONE | true
            a*            | aaa        | NONE | false
            [ab]%         | [ab]x      | NONE | true
            [ab]%         | a          | NONE | false
            ^a$           | ^a$        | NONE | true
            ^a$           | a          | NONE | false
            "(a|b)+?{2}"  | "(a|b)+?{2}" | NONE | true
            "(a|b)+?{2}"  | a          | NONE | false
            \\Qa\\E       | \\Qa\\E    | NONE | true
            \\d           | \\d        | NONE | true
            \\d           | 1          | NONE | false
            %.%           | a.b        | NONE | true
            %.%           | ab         | NONE | false
            $1            | $1         | NONE | true
            # escape before an ordinary character, before itself, and odd escape characters
            !!            | !          | !    | true
            a!!b          | a!b        | !    | true
            !a            | a          | !    | true
            %%            | %          | %    | true
            %%            | x          | %    | false
            %_            | _          | %    | true
            x%            | x%         | x    | false
            xx%           | x          | x    | true
            _..           | x.         | .    | true
            _..           | xy         | .    | false
            ._            | _          | .    | true
            # one _ is one character, even outside the BMP and for line breaks
            _             | 😀         | NONE | true
            __            | 😀         | NONE | false
            a_b           | a😀b       | NONE | true
            😀%           | 😀😀       | NONE | true
            """)
    void matches(String pattern, String value, String escape, boolean expected) {
        assertEquals(expected, like(pattern, escape, value));
    }

    @Test
    void wildcardsMatchLineBreaks() {
        assertEquals(true, like("a_b", null, "a\nb"));
        assertEquals(true, like("a%b", null, "a\r\n\nb"));
        assertEquals(true, like("%", null, "\n"));
    }

    @Test
    void quotesInPatternAndValue() {
        assertEquals(true, like("it's%", null, "it's here"));
        assertEquals(true, like("%'", null, "'"));
        assertEquals(true, like("''%", "'", "'x")); // ' as the escape character: '' is a literal '
    }

    /** Compares with a reference regular expression over many random patterns and values. */
    @Test
    void agreesWithReferenceImplementation() {
        Random random = new Random(20240501);
        String alphabet = "ab%_!.*";
        for (int round = 0; round < 5000; round++) {
            String pattern = randomString(random, alphabet, 6);
            String value = randomString(random, "ab%_!.*", 8);
            String reference;
            try {
                reference = referenceRegex(pattern, '!');
            } catch (IllegalArgumentException danglingEscape) {
                continue;
            }
            boolean expected = Pattern.compile(reference, Pattern.DOTALL).matcher(value).matches();
            boolean actual = LikePattern.compile(pattern, '!').matches(value);
            assertEquals(expected, actual, () -> "'" + value + "' LIKE '" + pattern + "' ESCAPE '!'");
        }
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String referenceRegex(String pattern, char escape) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == escape) {
                if (++i == pattern.length()) {
                    throw new IllegalArgumentException("dangling escape");
                }
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
