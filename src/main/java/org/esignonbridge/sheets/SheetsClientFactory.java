package org.esignonbridge.sheets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.SheetsScopes;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import org.apache.camel.CamelContext;
import org.apache.camel.component.google.sheets.GoogleSheetsClientFactory;
import org.apache.camel.support.ResourceHelper;
import org.springframework.stereotype.Component;

/**
 * Builds the real Google Sheets client for camel-google-sheets, with what Camel's stock factory
 * lacks: {@code esignon.sheets.root-url} on every credential path, timeouts, and credentials read
 * on first use, so that an unreadable key delays rows (with the error recorded) instead of stopping
 * the product. The service-account key's {@code token_uri} is honoured by google-auth-library.
 */
@Component("sheetsClientFactory")
public class SheetsClientFactory implements GoogleSheetsClientFactory {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final SheetsProperties properties;
    private final NetHttpTransport transport = new NetHttpTransport();

    public SheetsClientFactory(SheetsProperties properties) {
        this.properties = properties;
    }

    /** The OAuth client alternative: a client id and secret with a user's refresh token. */
    @Override
    public Sheets makeClient(String clientId, String clientSecret, Collection<String> scopes, String applicationName,
                             String refreshToken, String accessToken) {
        return client(applicationName, () -> UserCredentials.newBuilder()
                .setClientId(clientId)
                .setClientSecret(clientSecret)
                .setRefreshToken(refreshToken)
                .setAccessToken(accessToken == null ? null : new AccessToken(accessToken, null))
                .setHttpTransportFactory(() -> transport)
                .build());
    }

    /** A service account's JSON key (esignon.sheets.credentials-file). */
    @Override
    public Sheets makeClient(CamelContext camelContext, String serviceAccountKey, Collection<String> scopes,
                             String applicationName, String delegate) {
        return client(applicationName, () -> {
            try (InputStream key = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, serviceAccountKey)) {
                GoogleCredentials credentials = ServiceAccountCredentials.fromStream(key, () -> transport)
                        .createScoped(scopes == null || scopes.isEmpty() ? List.of(SheetsScopes.SPREADSHEETS) : scopes);
                return delegate == null || delegate.isBlank() ? credentials : credentials.createDelegated(delegate);
            }
        });
    }

    private interface CredentialsSource {
        GoogleCredentials load() throws IOException;
    }

    private Sheets client(String applicationName, CredentialsSource source) {
        HttpRequestInitializer initializer = new HttpRequestInitializer() {
            private HttpCredentialsAdapter credentials;

            @Override
            public synchronized void initialize(com.google.api.client.http.HttpRequest request) throws IOException {
                if (credentials == null) {
                    credentials = new HttpCredentialsAdapter(source.load());
                }
                credentials.initialize(request);
                request.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
                request.setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()));
            }
        };
        String rootUrl = properties.rootUrl().endsWith("/") ? properties.rootUrl() : properties.rootUrl() + "/";
        return new Sheets.Builder(transport, GsonFactory.getDefaultInstance(), initializer)
                .setRootUrl(rootUrl)
                .setApplicationName(applicationName == null ? "esignon-export-bridge" : applicationName)
                .build();
    }
}
