package org.esignonbridge.support;

import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * The product context Spring's test cache keeps for the next test class with the same configuration
 * (src/test/resources/spring.properties keeps one at a time: its subscribers poll the shared
 * database). A test that starts a product of its own ({@link StartedProduct}, {@link ProductProcess})
 * closes it first, so that no other product claims its deliveries.
 */
public class CachedProduct extends AbstractTestExecutionListener {

    private static TestContext last;

    @Override
    public void afterTestClass(TestContext testContext) {
        remember(testContext);
    }

    private static synchronized void remember(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            last = testContext;
        }
    }

    /** Closes the cached product context, if any: the next product test class starts a new one. */
    public static synchronized void close() {
        if (last != null) {
            last.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
            last = null;
        }
    }
}
