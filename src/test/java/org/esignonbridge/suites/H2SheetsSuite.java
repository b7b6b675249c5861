package org.esignonbridge.suites;

import org.esignonbridge.support.OnEveryDatabase;
import org.junit.platform.suite.api.ExcludeClassNamePatterns;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The Google Sheet's other test classes that are not database tests ({@link H2SheetOutageSuite} has
 * the longest), on embedded H2: mostly waiting for settle periods, so a suite of their own beside the
 * others (docs/testing.md).
 */
@Suite
@IncludeEngines("junit-jupiter")
@SelectPackages("org.esignonbridge.sheets")
@ExcludeClassNamePatterns(".*\\.SheetOutageTest")
@ExcludeTags(OnEveryDatabase.TAG)
public class H2SheetsSuite {
}
