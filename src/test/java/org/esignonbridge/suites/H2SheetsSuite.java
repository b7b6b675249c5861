package org.esignonbridge.suites;

import org.esignonbridge.support.OnEveryDatabase;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The Google Sheet's test classes that are not database tests, on embedded H2: half of the H2 time,
 * mostly waiting for settle periods, so a suite of its own beside the others (docs/testing.md).
 */
@Suite
@IncludeEngines("junit-jupiter")
@SelectPackages("org.esignonbridge.sheets")
@ExcludeTags(OnEveryDatabase.TAG)
public class H2SheetsSuite {
}
