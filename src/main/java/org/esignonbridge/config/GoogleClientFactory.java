package org.esignonbridge.config;

import java.time.Duration;
import java.util.Collection;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import org.apache.camel.CamelContext;

/**
 * What Camel's Google components (google-sheets, google-drive) ask their client factory for, answered
 * once for every Google client of the product: the {@link GoogleAccount}'s credentials on both paths
 * (an OAuth client's refresh token, a service-account key), the client's root URL and read timeout,
 * which Camel's stock factories do not set. A subclass builds its API's client and implements its
 * component's factory interface with these two methods.
 *
 * @param <T> the API's client ({@code Sheets}, {@code Drive})
 */
public abstract class GoogleClientFactory<T> {

    private final GoogleAccount account;
    private final String defaultScope;
    private final String rootUrl;
    private final Duration readTimeout;

    /**
     * @param defaultScope the scope a service account asks for when the component names none
     * @param rootUrl the API's root URL (a proxy's or an emulator's when set so)
     * @param readTimeout how long to wait for each answer
     */
    protected GoogleClientFactory(GoogleAccount account, String defaultScope, String rootUrl, Duration readTimeout) {
        this.account = account;
        this.defaultScope = defaultScope;
        this.rootUrl = rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
        this.readTimeout = readTimeout;
    }

    /** The API's client for these credentials. */
    protected abstract T build(HttpTransport transport, HttpRequestInitializer credentials, String rootUrl, String applicationName);

    /** The OAuth client alternative: a client id and secret with a user's refresh token. */
    public T makeClient(String clientId, String clientSecret, Collection<String> scopes, String applicationName,
                        String refreshToken, String accessToken) {
        return client(applicationName, account.user(clientId, clientSecret, refreshToken, accessToken, readTimeout));
    }

    /** A service account's JSON key (esignon.sheets.credentials-file). */
    public T makeClient(CamelContext camelContext, String serviceAccountKey, Collection<String> scopes,
                        String applicationName, String delegate) {
        return client(applicationName, account.serviceAccount(camelContext, serviceAccountKey, scopes, defaultScope, delegate,
                readTimeout));
    }

    private T client(String applicationName, HttpRequestInitializer credentials) {
        return build(account.transport(), credentials, rootUrl, applicationName == null ? "esignon-export-bridge" : applicationName);
    }
}
