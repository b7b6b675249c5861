package org.esignonbridge.suites;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.TestDatabaseServer;
import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The database tests ({@link OnEveryDatabase}) on PostgreSQL: postgresql.url, or an embedded server. */
@Suite
@IncludeEngines("junit-jupiter")
@SelectPackages("org.esignonbridge")
@IncludeTags(OnEveryDatabase.TAG)
public class DatabaseOnPostgresqlSuite {

    @BeforeSuite
    static void openServer() {
        TestDatabaseServer.open("postgresql", "postgres");
    }

    @AfterSuite
    static void closeServer() {
        TestDatabaseServer.close();
    }
}
