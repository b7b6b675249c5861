package org.esignonbridge.sheets;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.SheetsScopes;
import org.apache.camel.component.google.sheets.GoogleSheetsClientFactory;
import org.esignonbridge.config.GoogleAccount;
import org.esignonbridge.config.GoogleClientFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the real Google Sheets client for camel-google-sheets ({@link GoogleClientFactory}: the
 * product's Google account, {@code esignon.sheets.root-url}, timeouts, credentials read on first use).
 */
@Component("sheetsClientFactory")
public class SheetsClientFactory extends GoogleClientFactory<Sheets> implements GoogleSheetsClientFactory {

    public SheetsClientFactory(SheetsProperties properties, GoogleAccount account) {
        super(account, SheetsScopes.SPREADSHEETS, properties.rootUrl(), properties.readTimeout());
    }

    @Override
    protected Sheets build(HttpTransport transport, HttpRequestInitializer credentials, String rootUrl, String applicationName) {
        return new Sheets.Builder(transport, GsonFactory.getDefaultInstance(), credentials)
                .setRootUrl(rootUrl).setApplicationName(applicationName).build();
    }
}
