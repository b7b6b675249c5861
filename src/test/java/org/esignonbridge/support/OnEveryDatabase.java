package org.esignonbridge.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test class that exercises SQL or the database's own behaviour (the store and its dedupe, the
 * spool's replay, the delivery engine's claims and leases, restarts and two instances on one
 * database, migrations, retention, the admin's queries and audit, the archive's bookkeeping): the
 * build runs it on PostgreSQL and MariaDB as well as on H2 (pom.xml, docs/testing.md). Every
 * other test runs on H2 only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(OnEveryDatabase.TAG)
public @interface OnEveryDatabase {

    /** The JUnit tag pom.xml selects for the PostgreSQL and MariaDB runs. */
    String TAG = "database";
}
