package org.esignonbridge.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A PostgreSQL database of a test's own, beside the run's ({@code test.database.url}, never it), for
 * a product started as a process on a fresh database. Dropped (with a role of the same name) when
 * the test closes it, and before it starts, in case an earlier run left it.
 */
public final class OwnDatabase implements AutoCloseable {

    private static final Pattern POSTGRESQL = Pattern.compile("(jdbc:postgresql://[^/]+/)(\\w+).*");

    private final SingleConnectionDataSource server;
    private final String name;
    private final String url;
    private SingleConnectionDataSource connection;

    private OwnDatabase(SingleConnectionDataSource server, String name, String url) {
        this.server = server;
        this.name = name;
        this.url = url;
    }

    /** The database {@code <the run's database>_<suffix>}, not created yet (see {@link #create()}). */
    public static OwnDatabase beside(String suffix) {
        String runs = System.getProperty(TestDatabaseServer.URL, "");
        Matcher database = POSTGRESQL.matcher(runs);
        if (!database.matches()) {
            throw new IllegalStateException("a PostgreSQL test.database.url, not " + runs);
        }
        OwnDatabase own = new OwnDatabase(new SingleConnectionDataSource(database.group(), username(), "", true),
                database.group(2) + "_" + suffix, database.group(1) + database.group(2) + "_" + suffix);
        own.drop();
        return own;
    }

    /** Creates it, owned by the run's user. */
    public OwnDatabase create() {
        execute("CREATE DATABASE " + name);
        return this;
    }

    /** A statement on the server, as the run's user. */
    public void execute(String statement) {
        new JdbcTemplate(server).execute(statement);
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    /** The run's user, who created it. */
    public static String username() {
        return System.getProperty(TestDatabaseServer.USERNAME);
    }

    /** A connection to the database as the run's user, closed with it. */
    public synchronized JdbcTemplate jdbc() {
        if (connection == null) {
            connection = new SingleConnectionDataSource(url, username(), "", true);
        }
        return new JdbcTemplate(connection);
    }

    /** Runs {@code work} on a connection of its own to the database, as {@code user}. */
    public <T> T query(String user, String password, java.util.function.Function<JdbcTemplate, T> work) {
        SingleConnectionDataSource connection = new SingleConnectionDataSource(url, user, password, true);
        try {
            return work.apply(new JdbcTemplate(connection));
        } finally {
            connection.destroy();
        }
    }

    private void drop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execute("DROP ROLE IF EXISTS " + name);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.destroy();
        }
        drop();
        server.destroy();
    }
}
