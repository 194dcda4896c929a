/**
 * Message selectors (Jakarta Messaging 3.1, section 3.8.1): a hand-written lexer and recursive-descent
 * parser build an immutable expression tree, evaluated with SQL three-valued logic. The only public
 * type is {@link dev.tern.selector.Selector}.
 *
 * <p>Where the specification leaves room, Tern decides as follows.
 * <ul>
 * <li>Identifiers: the six selectable headers (JMSDeliveryMode, JMSPriority, JMSMessageID,
 *     JMSTimestamp, JMSCorrelationID, JMSType) are headers; names starting JMSX or JMS_ are properties;
 *     any other name starting JMS (JMSExpiration, JMSRedelivered, JMSDestination, JMSFoo) is rejected
 *     with InvalidSelectorException, since header references are restricted to the six and the prefix
 *     is reserved. Other names are application properties.</li>
 * <li>Headers have known types: JMSDeliveryMode ('PERSISTENT' / 'NON_PERSISTENT'), JMSMessageID,
 *     JMSCorrelationID, JMSType are strings; JMSPriority and JMSTimestamp are numbers (a timestamp of 0,
 *     when timestamps are disabled, is 0, not NULL). So {@code JMSDeliveryMode = 2} is rejected at parse
 *     time rather than silently never matching.</li>
 * <li>Literals follow Java syntax as the specification says: octal, hex, binary, {@code L} suffix,
 *     underscores; floating literals with {@code f/F/d/D} suffixes and hex floats. A {@code F} literal
 *     takes the float's value (so {@code 0.1F} equals a float property set to 0.1f). Exact literals may
 *     use the whole long range without {@code L}; {@code -9223372036854775808} is allowed.</li>
 * <li>Numeric promotion: exact values (Byte, Short, Integer, Long) are computed and compared as long,
 *     any approximate operand (Float, Double) makes it double. Long overflow wraps as in Java; integer
 *     division truncates. Division by zero (exact or approximate) is NULL.</li>
 * <li>Parse-time type errors: a string or boolean literal (or string header) as an operand of
 *     arithmetic, BETWEEN, or {@code < <= > >=}; {@code =}/{@code <>} between literals or headers of
 *     unlike known types ({@code TRUE = 0}, {@code 'a' = 1}); a non-condition where a condition is
 *     needed (top level, AND, OR, NOT); IN/LIKE/IS NULL with anything but an identifier on the left;
 *     IN lists of anything but string literals; an ESCAPE that is not exactly one character.</li>
 * <li>Run time: NULL makes comparisons and arithmetic UNKNOWN/NULL. Unlike types compare FALSE (the
 *     specification's rule, so {@code NOT (s > 1)} is TRUE for a String s). Two strings or two booleans
 *     under {@code < <= > >=} are UNKNOWN. A non-numeric operand of arithmetic is NULL. IN and LIKE on a
 *     value that is not a String are UNKNOWN, as for NULL. BETWEEN is evaluated exactly as the
 *     specification's equivalent ({@code v >= a AND v <= b}, and {@code v < a OR v > b} for NOT
 *     BETWEEN). A property of any type other than the eight selector types counts as NULL.</li>
 * <li>LIKE: the character after the ESCAPE character always stands for itself (SQL strictly allows
 *     only {@code _}, {@code %} and the escape itself there; being lenient costs nothing); a pattern
 *     ending in a lone escape character is rejected. {@code _} matches one Unicode code point.</li>
 * <li>Keywords are case-insensitive in ASCII only; whitespace is exactly Java's (space, tab, form
 *     feed, CR, LF). Null or blank selectors match everything. Nesting is bounded (100 levels of
 *     parentheses/NOT/signs, tree depth 200) so that neither parsing nor evaluation can overflow the
 *     stack; long AND/OR chains are kept flat and do not count against it.</li>
 * </ul>
 */
package dev.tern.selector;
