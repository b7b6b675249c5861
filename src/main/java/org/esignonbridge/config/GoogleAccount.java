package org.esignonbridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;
import org.springframework.stereotype.Component;

/**
 * The Google account every Google client of the product acts as (the sheet, the archive's Drive store):
 * a service account's JSON key or an OAuth client with a user's refresh token. It authorizes each call
 * and sets its timeouts. Credentials are read on first use, so that an unreadable key delays the work
 * (with the error recorded) instead of stopping the product; the key's {@code token_uri} is honoured by
 * google-auth-library.
 */
@Component
public class GoogleAccount {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final NetHttpTransport transport = new NetHttpTransport();

    /** The transport of every Google client (and of the token exchange). */
    public NetHttpTransport transport() {
        return transport;
    }

    /** The OAuth client alternative: a client id and secret with a user's refresh token (its scopes are the token's). */
    public HttpRequestInitializer user(String clientId, String clientSecret, String refreshToken, String accessToken,
                                       Duration readTimeout) {
        return authorizing(readTimeout, () -> UserCredentials.newBuilder()
                .setClientId(clientId)
                .setClientSecret(clientSecret)
                .setRefreshToken(refreshToken)
                .setAccessToken(accessToken == null ? null : new AccessToken(accessToken, null))
                .setHttpTransportFactory(() -> transport)
                .build());
    }

    /**
     * A service account's JSON key ({@code file:<path>}, or any Camel resource), with the given scopes
     * ({@code defaultScope} when none), acting as {@code delegate} when set (domain-wide delegation).
     */
    public HttpRequestInitializer serviceAccount(CamelContext camelContext, String key, Collection<String> scopes,
                                                 String defaultScope, String delegate, Duration readTimeout) {
        return authorizing(readTimeout, () -> {
            try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, key)) {
                GoogleCredentials credentials = ServiceAccountCredentials.fromStream(in, () -> transport)
                        .createScoped(scopes == null || scopes.isEmpty() ? List.of(defaultScope) : scopes);
                return delegate == null || delegate.isBlank() ? credentials : credentials.createDelegated(delegate);
            }
        });
    }

    private interface CredentialsSource {
        GoogleCredentials load() throws IOException;
    }

    private static HttpRequestInitializer authorizing(Duration readTimeout, CredentialsSource source) {
        return new HttpRequestInitializer() {
            private HttpCredentialsAdapter credentials;

            @Override
            public synchronized void initialize(HttpRequest request) throws IOException {
                if (credentials == null) {
                    credentials = new HttpCredentialsAdapter(source.load());
                }
                credentials.initialize(request);
                request.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
                request.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
            }
        };
    }
}
