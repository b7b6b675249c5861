package org.esignonbridge.suites;

import org.esignonbridge.support.OnEveryDatabase;
import org.junit.platform.suite.api.ExcludePackages;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** Every other test class that is not a database test (the sheet's: {@link H2SheetsSuite}), on embedded H2 (docs/testing.md). */
@Suite
@IncludeEngines("junit-jupiter")
@SelectPackages("org.esignonbridge")
@ExcludePackages("org.esignonbridge.sheets")
@ExcludeTags(OnEveryDatabase.TAG)
public class H2Suite {
}
