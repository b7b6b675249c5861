package org.esignonbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.esignonbridge.EsignonBridgeApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The product started and stopped by the test itself, for what a test context cannot show: a stop
 * in the middle of work, and the next start against the same database. In the test's JVM; for a
 * JVM of its own (a heap limit, kill -9, the packaged jar) see {@link ProductProcess}.
 */
public final class StartedProduct implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private StartedProduct(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts with the test settings plus {@code --name=value} arguments; stops with a 1 s grace period. */
    public static StartedProduct start(String... settings) {
        CachedProduct.close();
        String[] args = new String[settings.length + 3];
        args[0] = "--spring.config.additional-location=classpath:test.properties";
        args[1] = "--server.port=0";
        args[2] = "--camel.main.shutdown-timeout=1";
        System.arraycopy(settings, 0, args, 3, settings.length);
        return new StartedProduct(new SpringApplicationBuilder(EsignonBridgeApplication.class, TestDatabase.class).run(args));
    }

    /** Empties the tables and registers the product's subscribers again. */
    public void emptyDatabase() {
        TestDatabase.empty(bean(org.springframework.jdbc.core.JdbcTemplate.class), bean(org.esignonbridge.delivery.Subscribers.class));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public HttpResponse<String> postExport(String body) {
        String port = context.getEnvironment().getProperty("local.server.port");
        try {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/esignon/export"))
                            .header("authorization", ProductTest.SECRET)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the product as an operator's restart does. */
    @Override
    public void close() {
        context.close();
    }
}
