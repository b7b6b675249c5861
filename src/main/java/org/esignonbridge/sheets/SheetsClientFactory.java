package org.esignonbridge.sheets;

import java.util.Collection;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.SheetsScopes;
import org.apache.camel.CamelContext;
import org.apache.camel.component.google.sheets.GoogleSheetsClientFactory;
import org.esignonbridge.config.GoogleAccount;
import org.springframework.stereotype.Component;

/**
 * Builds the real Google Sheets client for camel-google-sheets, with what Camel's stock factory
 * lacks: {@code esignon.sheets.root-url} on every credential path, timeouts, and credentials read
 * on first use ({@link GoogleAccount}, which the archive's Drive store shares).
 */
@Component("sheetsClientFactory")
public class SheetsClientFactory implements GoogleSheetsClientFactory {

    private final SheetsProperties properties;
    private final GoogleAccount account;

    public SheetsClientFactory(SheetsProperties properties, GoogleAccount account) {
        this.properties = properties;
        this.account = account;
    }

    /** The OAuth client alternative: a client id and secret with a user's refresh token. */
    @Override
    public Sheets makeClient(String clientId, String clientSecret, Collection<String> scopes, String applicationName,
                             String refreshToken, String accessToken) {
        return client(applicationName, account.user(clientId, clientSecret, refreshToken, accessToken, properties.readTimeout()));
    }

    /** A service account's JSON key (esignon.sheets.credentials-file). */
    @Override
    public Sheets makeClient(CamelContext camelContext, String serviceAccountKey, Collection<String> scopes,
                             String applicationName, String delegate) {
        return client(applicationName, account.serviceAccount(camelContext, serviceAccountKey, scopes, SheetsScopes.SPREADSHEETS,
                delegate, properties.readTimeout()));
    }

    private Sheets client(String applicationName, HttpRequestInitializer initializer) {
        String rootUrl = properties.rootUrl().endsWith("/") ? properties.rootUrl() : properties.rootUrl() + "/";
        return new Sheets.Builder(account.transport(), GsonFactory.getDefaultInstance(), initializer)
                .setRootUrl(rootUrl)
                .setApplicationName(applicationName == null ? "esignon-export-bridge" : applicationName)
                .build();
    }
}
