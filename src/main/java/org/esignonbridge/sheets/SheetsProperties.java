package org.esignonbridge.sheets;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Google Sheet that every export passing the filters is appended to.
 *
 * @param enabled whether exports are written to the sheet; when false nothing is queued for it
 * @param spreadsheetId the id in the sheet's URL, {@code https://docs.google.com/spreadsheets/d/<id>/edit}
 * @param sheet the tab the rows go to. Example: {@code Contracts}
 * @param columns comma-separated columns, in order: a stored field ({@code export_id}, {@code received_at},
 *        {@code wfuid}, {@code worktype}, {@code status}, {@code workdatetime}, {@code useremail},
 *        {@code opinion}, {@code user_name}, ...) or a param as {@code param:<param_id>}. The export id
 *        column is always written: first, unless listed elsewhere
 * @param batchSize most rows one append call carries (Google allows 60 write calls a minute per user)
 * @param credentialsFile path of the Google service-account JSON key. Secret: keep it readable only by
 *        the product. Example: {@code /etc/esignon-bridge/google-key.json}
 * @param rootUrl the Sheets API root; change it only for a proxy or an emulator
 * @param pollInterval how often waiting rows are looked for
 * @param readTimeout how long to wait for Google's answer before the outcome counts as unknown
 * @param retryInitialDelay first wait after a 429, a 5xx or a network error; it doubles (with jitter)
 *        on every failure, unless Google's Retry-After says otherwise
 * @param retryMaxDelay longest wait between two retries; retries never stop
 * @param recheckAfterError how long rows wait after an error that retrying cannot fix (403, 404, a bad
 *        range, an unreadable key) before the product tries again, in case the configuration was fixed
 */
@Validated
@ConfigurationProperties("esignon.sheets")
public record SheetsProperties(
        @DefaultValue("false") boolean enabled,
        String spreadsheetId,
        @DefaultValue("Sheet1") String sheet,
        @DefaultValue({"export_id", "received_at", "wfuid", "worktype", "status", "useremail", "user_name", "opinion"})
        @NotEmpty List<String> columns,
        @DefaultValue("500") @Min(1) @Max(10000) int batchSize,
        String credentialsFile,
        @DefaultValue("https://sheets.googleapis.com/") String rootUrl,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("1s") Duration retryInitialDelay,
        @DefaultValue("5m") Duration retryMaxDelay,
        @DefaultValue("1m") Duration recheckAfterError) {

    @AssertTrue(message = "esignon.sheets.enabled is true but esignon.sheets.spreadsheet-id is empty")
    public boolean isSpreadsheetIdSetWhenEnabled() {
        return !enabled || (spreadsheetId != null && !spreadsheetId.isBlank());
    }
}
