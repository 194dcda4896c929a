package dev.tern.selector;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The truth value of many selectors against {@link Fixtures#standard()}: literals, identifiers,
 * every operator, numeric promotion and NULL handling. UNKNOWN is told apart from FALSE.
 */
class EvaluationTest {

    private static void check(String selector, Truth expected) {
        assertEquals(expected, Eval.truth(selector, Fixtures.standard()), selector);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # string literals, '' escaping, case-sensitive equality
            str = 'seven'                      | TRUE
            str = 'Seven'                      | FALSE
            str <> 'seven'                     | FALSE
            'literal''s' = 'literal''s'        | TRUE
            'it''s' <> 'its'                   | TRUE
            empty = ''                         | TRUE
            'héllo ✓ 日本' = 'héllo ✓ 日本'      | TRUE
            # exact literals
            i = 7                              | TRUE
            i = +7                             | TRUE
            -i = -7                            | TRUE
            zero = -0                          | TRUE
            i = 07                             | TRUE
            i = 0x7                            | TRUE
            i = 0X07                           | TRUE
            i = 0b111                          | TRUE
            i = 0B111L                         | TRUE
            i = 7L                             | TRUE
            i = 7l                             | TRUE
            1_000_000 = 1000000                | TRUE
            035 = 29                           | TRUE
            0x1d = 29                          | TRUE
            0xFFFFFFFFFFFFFFFFL = -1           | TRUE
            max = 9223372036854775807          | TRUE
            max = 0x7fffffffffffffffL          | TRUE
            min = -9223372036854775808         | TRUE
            min = -9223372036854775808L        | TRUE
            -957 < +62                         | TRUE
            # approximate literals
            7E3 = 7000                         | TRUE
            -57.9E2 = -5790                    | TRUE
            7. = 7                             | TRUE
            .5 = 0.5                           | TRUE
            .7e4 = 7000                        | TRUE
            7e+3 = 7000                        | TRUE
            7e-3 = 0.007                       | TRUE
            1.5F = 1.5                         | TRUE
            1.5f = 1.5d                        | TRUE
            1f = 1                             | TRUE
            2D = 2                             | TRUE
            0x1.8p1 = 3                        | TRUE
            0x1P-1 = 0.5                       | TRUE
            1_0.2_5 = 10.25                    | TRUE
            d = 7.5                            | TRUE
            f = 7.5                            | TRUE
            f = 7.5F                           | TRUE
            pointOneF = 0.1F                   | TRUE
            pointOneF = 0.1                    | FALSE
            pointOne = 0.1                     | TRUE
            # boolean literals, any case
            yes = TRUE                         | TRUE
            yes = true                         | TRUE
            yes = True                         | TRUE
            no = FALSE                         | TRUE
            no = fAlSe                         | TRUE
            yes <> FALSE                       | TRUE
            TRUE                               | TRUE
            FALSE                              | FALSE
            TRUE = TRUE                        | TRUE
            TRUE <> FALSE                      | TRUE
            # every exact type, and exact against approximate
            l = 7                              | TRUE
            sh = 7                             | TRUE
            by = 7                             | TRUE
            i = l                              | TRUE
            by = sh                            | TRUE
            i = 7.0                            | TRUE
            i < d                              | TRUE
            d > i                              | TRUE
            f = d                              | TRUE
            big = 9007199254740993             | TRUE
            big = 9007199254740992             | FALSE
            big > 9007199254740992             | TRUE
            # comparison operators on numbers
            i = 7                              | TRUE
            i <> 7                             | FALSE
            i <> 8                             | TRUE
            i < 8                              | TRUE
            i < 7                              | FALSE
            i <= 7                             | TRUE
            i <= 6                             | FALSE
            i > 6                              | TRUE
            i > 7                              | FALSE
            i >= 7                             | TRUE
            i >= 8                             | FALSE
            d < 7.6                            | TRUE
            d >= 7.5                           | TRUE
            d <> 7.5                           | FALSE
            nan = nan                          | FALSE
            nan <> nan                         | TRUE
            nan < 1                            | FALSE
            inf > 1E308                        | TRUE
            # strings and booleans: only = and <> are defined; ordering at run time is UNKNOWN
            str > str2                         | UNKNOWN
            str <= str2                        | UNKNOWN
            yes > no                           | UNKNOWN
            str = str2                         | FALSE
            yes <> no                          | TRUE
            # unlike types compare FALSE (the specification's rule), not UNKNOWN
            num > 1                            | FALSE
            num = 2                            | FALSE
            NOT (num > 1)                      | TRUE
            str = 7                            | FALSE
            i = 'seven'                        | FALSE
            i <> 'seven'                       | FALSE
            yes = 1                            | FALSE
            yes = 'true'                       | FALSE
            i = yes                            | FALSE
            # NULL: missing properties, unsupported types
            missing = 1                        | UNKNOWN
            missing <> 1                       | UNKNOWN
            1 = missing                        | UNKNOWN
            missing = missing                  | UNKNOWN
            missing = 'x'                      | UNKNOWN
            NOT (missing = 1)                  | UNKNOWN
            list = 1                           | UNKNOWN
            ch = 'x'                           | UNKNOWN
            # comparing conditions
            (i > 1) = TRUE                     | TRUE
            (i > 1) = (d > 1)                  | TRUE
            (i > 1) <> (d < 1)                 | TRUE
            (missing > 1) = TRUE               | UNKNOWN
            # arithmetic: exact stays exact, approximate promotes
            i + 1 = 8                          | TRUE
            i - 10 = -3                        | TRUE
            i * 3 = 21                         | TRUE
            i / 2 = 3                          | TRUE
            i / 2 = 3.5                        | FALSE
            i / 2.0 = 3.5                      | TRUE
            d / 2 = 3.75                       | TRUE
            f * 2 = 15                         | TRUE
            -i / 2 = -3                        | TRUE
            by * sh = 49                       | TRUE
            max + 1 = min                      | TRUE
            -min = min                         | TRUE
            1 + 2 * 3 = 7                      | TRUE
            (1 + 2) * 3 = 9                    | TRUE
            10 - 4 - 3 = 3                     | TRUE
            12 / 3 / 2 = 2                     | TRUE
            2 * 3 / 4 = 1                      | TRUE
            -2 * -3 = 6                        | TRUE
            - -i = 7                           | TRUE
            +-i = -7                           | TRUE
            - i + l = 0                        | TRUE
            1 - -1 = 2                         | TRUE
            # division by zero and non-numeric operands give NULL
            i / 0 = 0                          | UNKNOWN
            i / zero = 0                       | UNKNOWN
            d / 0 = 0                          | UNKNOWN
            d / dzero = 0                      | UNKNOWN
            d / 0.0 = 0                        | UNKNOWN
            NOT (i / 0 > 1)                    | UNKNOWN
            0 / i = 0                          | TRUE
            num + 1 = 3                        | UNKNOWN
            str * 2 = 0                        | UNKNOWN
            yes + 1 = 2                        | UNKNOWN
            -str = 0                           | UNKNOWN
            +str = 0                           | UNKNOWN
            +i = 7                             | TRUE
            missing + 1 = 1                    | UNKNOWN
            list * 1 = 1                       | UNKNOWN
            # BETWEEN is (v >= a AND v <= b); NOT BETWEEN is (v < a OR v > b)
            i BETWEEN 5 AND 10                 | TRUE
            i BETWEEN 7 AND 7                  | TRUE
            i BETWEEN 8 AND 10                 | FALSE
            i BETWEEN 1 AND 6                  | FALSE
            i BETWEEN 10 AND 5                 | FALSE
            i NOT BETWEEN 5 AND 10             | FALSE
            i NOT BETWEEN 8 AND 10             | TRUE
            i NOT BETWEEN 1 AND 6              | TRUE
            d BETWEEN 7 AND 8                  | TRUE
            d BETWEEN 7.6 AND 8                | FALSE
            i BETWEEN 6.5 AND 7.5              | TRUE
            i BETWEEN l - 1 AND l + 1          | TRUE
            i * 2 BETWEEN 13 AND 15            | TRUE
            missing BETWEEN 1 AND 10           | UNKNOWN
            missing NOT BETWEEN 1 AND 10       | UNKNOWN
            i BETWEEN missing AND 10           | UNKNOWN
            i BETWEEN missing AND 6            | FALSE
            i NOT BETWEEN missing AND 6        | TRUE
            i NOT BETWEEN missing AND 10       | UNKNOWN
            num BETWEEN 1 AND 3                | FALSE
            num NOT BETWEEN 1 AND 3            | FALSE
            str BETWEEN 1 AND 3                | FALSE
            # IN
            country IN ('UK', 'US', 'France')  | TRUE
            country IN ('US', 'France')        | FALSE
            country IN ('uk')                  | FALSE
            country NOT IN ('UK', 'US')        | FALSE
            country NOT IN ('Peru')            | TRUE
            country IN ('UK')                  | TRUE
            missing IN ('UK')                  | UNKNOWN
            missing NOT IN ('UK')              | UNKNOWN
            i IN ('7')                         | UNKNOWN
            i NOT IN ('7')                     | UNKNOWN
            empty IN ('')                      | TRUE
            JMSType IN ('bus', 'car')          | TRUE
            # LIKE
            str LIKE 'seven'                   | TRUE
            str LIKE 's%'                      | TRUE
            str LIKE '%n'                      | TRUE
            str LIKE 's___n'                   | TRUE
            str LIKE 's__n'                    | FALSE
            str LIKE 'S%'                      | FALSE
            str NOT LIKE 's%'                  | FALSE
            str NOT LIKE 'x%'                  | TRUE
            missing LIKE '%'                   | UNKNOWN
            missing NOT LIKE '%'               | UNKNOWN
            i LIKE '7'                         | UNKNOWN
            i NOT LIKE '7'                     | UNKNOWN
            empty LIKE '%'                     | TRUE
            empty LIKE '_'                     | FALSE
            # IS [NOT] NULL
            missing IS NULL                    | TRUE
            missing IS NOT NULL                | FALSE
            i IS NULL                          | FALSE
            i IS NOT NULL                      | TRUE
            empty IS NULL                      | FALSE
            list IS NULL                       | TRUE
            ch IS NULL                         | TRUE
            nan IS NOT NULL                    | TRUE
            # bare identifiers as conditions
            yes                                | TRUE
            no                                 | FALSE
            missing                            | UNKNOWN
            str                                | UNKNOWN
            i                                  | UNKNOWN
            NOT str                            | UNKNOWN
            # identifiers are case-sensitive; JMSX and JMS_ names are properties
            I = 7                              | UNKNOWN
            Str = 'seven'                      | UNKNOWN
            JMSXDeliveryCount = 2              | TRUE
            JMSXDeliveryCount > 1              | TRUE
            JMSXGroupID IS NULL                | TRUE
            JMS_TERN_region = 'eu'             | TRUE
            jmsType = 'lowercase-property'     | TRUE
            """)
    void evaluates(String selector, Truth expected) {
        check(selector, expected);
    }
}
