package org.esignonbridge.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A real OpenID Connect provider for the admin tests: NAV's mock-oauth2-server, started as a process
 * of its own on a free port (the way a company's Keycloak or Entra ID stands apart from the product).
 * Issuer {@code default} signs people in interactively (a user name and the claims they have);
 * its token endpoint hands scripts JWTs by {@code scope}: {@code operator}, {@code viewer},
 * {@code other-audience} and {@code expired} (in 2023). Issuer {@code other} is a second, untrusted one.
 */
public final class OidcProvider implements AutoCloseable {

    public static final String CLIENT_ID = "esignon-bridge";
    public static final String CLIENT_SECRET = "client-secret-3a7f";
    public static final String AUDIENCE = "esignon-admin";

    private static final String CONFIG = """
            {"interactiveLogin": true,
             "tokenCallbacks": [{"issuerId": "default", "tokenExpiry": 300, "requestMappings": [
                {"requestParam": "scope", "match": "operator", "claims": {"sub": "deploy-script", "aud": ["%1$s"], "roles": ["operator"]}},
                {"requestParam": "scope", "match": "viewer", "claims": {"sub": "report-script", "aud": ["%1$s"], "roles": ["viewer"]}},
                {"requestParam": "scope", "match": "other-audience", "claims": {"sub": "deploy-script", "aud": ["another-app"], "roles": ["operator"]}},
                {"requestParam": "scope", "match": "expired", "claims": {"sub": "deploy-script", "aud": ["%1$s"], "roles": ["operator"],
                    "iat": 1699990000, "nbf": 1699990000, "exp": 1700000000}}]},
               {"issuerId": "other", "tokenExpiry": 300, "requestMappings": [
                {"requestParam": "scope", "match": "*", "claims": {"sub": "deploy-script", "aud": ["%1$s"], "roles": ["operator"]}}]}]}
            """.formatted(AUDIENCE);

    private final Process process;
    private final int port;

    private OidcProvider(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the provider and waits until its discovery document answers. */
    public static OidcProvider start() {
        try {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path log = Files.createTempFile("oidc-provider", ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-cp", classpath, "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("SERVER_HOSTNAME", "127.0.0.1");
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("JSON_CONFIG", CONFIG);
            OidcProvider provider = new OidcProvider(builder.start(), port);
            Runtime.getRuntime().addShutdownHook(new Thread(provider::close));
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!provider.process.isAlive()) {
                        throw new IllegalStateException("the OpenID Connect provider stopped:\n" + Files.readString(log));
                    }
                    try {
                        return ProductTest.send(HttpRequest.newBuilder(URI.create(provider.issuer("default")
                                + "/.well-known/openid-configuration")).build()).statusCode() == 200;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
            } catch (RuntimeException e) {
                provider.close();
                throw new IllegalStateException("the OpenID Connect provider did not start:\n" + Files.readString(log), e);
            }
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuer(String id) {
        return "http://127.0.0.1:" + port + "/" + id;
    }

    /** A JWT from an issuer's token endpoint for a script (client credentials) with this scope. */
    public String token(String issuer, String scope) {
        HttpResponse<String> answer = ProductTest.send(HttpRequest.newBuilder(URI.create(issuer(issuer) + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT_ID
                        + "&client_secret=" + CLIENT_SECRET + "&scope=" + scope)).build());
        JsonNode json = ProductTest.json(answer);
        if (!json.hasNonNull("access_token")) {
            throw new IllegalStateException("no token: " + answer.body());
        }
        return json.get("access_token").asText();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
