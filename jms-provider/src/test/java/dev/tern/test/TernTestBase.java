package dev.tern.test;

import org.junit.jupiter.api.extension.ExtendWith;

/** Base of Tern's tests that start brokers or connections: fails the class on leaked threads or connections. */
@ExtendWith(LeakCheckExtension.class)
public abstract class TernTestBase {
}
