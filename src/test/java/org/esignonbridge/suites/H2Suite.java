package org.esignonbridge.suites;

import org.esignonbridge.support.OnEveryDatabase;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** Every test class that is not a database test, on embedded H2 (docs/testing.md). */
@Suite
@IncludeEngines("junit-jupiter")
@SelectPackages("org.esignonbridge")
@ExcludeTags(OnEveryDatabase.TAG)
public class H2Suite {
}
