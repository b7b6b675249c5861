package org.esignonbridge.suites;

import org.esignonbridge.support.OnEveryDatabase;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The database tests ({@link OnEveryDatabase}) on embedded H2, beside the other suites (docs/testing.md). */
@Suite
@IncludeEngines("junit-jupiter")
@SelectPackages("org.esignonbridge")
@IncludeTags(OnEveryDatabase.TAG)
public class DatabaseOnH2Suite {
}
