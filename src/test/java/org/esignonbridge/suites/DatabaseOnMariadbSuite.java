package org.esignonbridge.suites;

import java.util.TimeZone;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.TestDatabaseServer;
import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The database tests ({@link OnEveryDatabase}) on MariaDB: mariadb.url, or an embedded server. In
 * the time zone Asia/Seoul, so that "received_at is UTC" is tested away from UTC.
 */
@Suite
@IncludeEngines("junit-jupiter")
@SelectPackages("org.esignonbridge")
@IncludeTags(OnEveryDatabase.TAG)
public class DatabaseOnMariadbSuite {

    @BeforeSuite
    static void openServer() {
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Seoul"));
        TestDatabaseServer.open("mariadb", "root");
    }

    @AfterSuite
    static void closeServer() {
        TestDatabaseServer.close();
    }
}
