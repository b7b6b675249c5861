package org.esignonbridge.archive;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.DriveScopes;
import org.apache.camel.component.google.drive.GoogleDriveClientFactory;
import org.apache.camel.component.google.drive.GoogleDriveComponent;
import org.apache.camel.component.google.drive.GoogleDriveConfiguration;
import org.apache.camel.component.google.sheets.springboot.GoogleSheetsComponentConfiguration;
import org.apache.camel.spi.ComponentCustomizer;
import org.esignonbridge.config.GoogleAccount;
import org.esignonbridge.config.GoogleClientFactory;
import org.esignonbridge.sheets.SheetsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The Google Drive client of the google-drive store (esignon.archive.store=google-drive), which the
 * archive route's google-drive endpoint and {@link DriveStore} use: the sheet's Google account
 * ({@link GoogleAccount}: its service-account key, or its OAuth client and refresh token), scope
 * {@code drive} (a folder a person shared with the account is not among the files {@code drive.file}
 * lets it see), {@code esignon.archive.drive.root-url}. The client does not retry on its own: a failed
 * call fails the attempt, and the delivery engine decides.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ArchiveDriveConfiguration.OnDriveStore.class)
public class ArchiveDriveConfiguration {

    /**
     * esignon.archive.store as its record binds it ({@code google-drive}, {@code GOOGLE_DRIVE}, {@code google_drive}):
     * a property condition compares text, and the bound settings give it as {@code GOOGLE_DRIVE}.
     */
    static class OnDriveStore implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("esignon.archive.store", ArchiveProperties.Store.class)
                    .map(store -> store == ArchiveProperties.Store.GOOGLE_DRIVE).orElse(false);
        }
    }

    @Bean
    ComponentCustomizer googleDriveClient(GoogleAccount account, ArchiveProperties archive, SheetsProperties sheets,
                                          ObjectProvider<GoogleSheetsComponentConfiguration> sheetsOauth) {
        GoogleDriveClientFactory factory = new DriveClientFactory(account, archive.drive());
        return ComponentCustomizer.forType(GoogleDriveComponent.class, component -> {
            component.setClientFactory(factory);
            GoogleDriveConfiguration configuration = component.getConfiguration();
            if (configuration == null) {
                configuration = new GoogleDriveConfiguration();
                component.setConfiguration(configuration);
            }
            GoogleSheetsComponentConfiguration oauth = sheetsOauth.getIfAvailable();
            if (oauth != null && oauth.getClientId() != null && oauth.getClientSecret() != null) {
                configuration.setClientId(oauth.getClientId());   // the sheet's OAuth client, as docs/google.md sets it
                configuration.setClientSecret(oauth.getClientSecret());
                configuration.setRefreshToken(oauth.getRefreshToken());
            } else if (sheets.credentialsFile() != null && !sheets.credentialsFile().isBlank()) {
                configuration.setServiceAccountKey("file:" + sheets.credentialsFile());
            } else {
                throw new IllegalStateException("esignon.archive.store=google-drive archives with the sheet's Google account,"
                        + " and none is set: esignon.sheets.credentials-file (a service account's key) or the OAuth client"
                        + " (camel.component.google-sheets.client-id, client-secret, refresh-token); see docs/archive.md, Archive to Google Drive");
            }
        });
    }

    /** The real Drive client ({@link GoogleClientFactory}: the product's Google account, the root URL, timeouts). */
    private static final class DriveClientFactory extends GoogleClientFactory<Drive> implements GoogleDriveClientFactory {

        DriveClientFactory(GoogleAccount account, ArchiveProperties.Drive settings) {
            super(account, DriveScopes.DRIVE, settings.rootUrl(), settings.readTimeout());
        }

        @Override
        protected Drive build(HttpTransport transport, HttpRequestInitializer credentials, String rootUrl, String applicationName) {
            return new Drive.Builder(transport, GsonFactory.getDefaultInstance(), credentials)
                    .setRootUrl(rootUrl).setApplicationName(applicationName).build();
        }
    }
}
