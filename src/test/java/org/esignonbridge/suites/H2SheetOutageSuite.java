package org.esignonbridge.suites;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * Google failing in every way it does ({@code sheets.SheetOutageTest}), on embedded H2: two minutes spent
 * mostly in settle periods and back-offs, so a suite of its own beside the others (docs/testing.md).
 */
@Suite
@IncludeEngines("junit-jupiter")
@SelectClasses(names = "org.esignonbridge.sheets.SheetOutageTest")
public class H2SheetOutageSuite {
}
