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
 * @param enabled whether exports are written to the sheet (the sync-sheet route is deployed)
 * @param spreadsheetId the id in the sheet's URL, {@code https://docs.google.com/spreadsheets/d/<id>/edit}
 * @param sheet the tab the rows go to. Example: {@code Contracts}
 * @param columns comma-separated columns, in order: a stored field ({@code export_id}, {@code received_at},
 *        {@code wfuid}, {@code worktype}, {@code status}, {@code workdatetime}, {@code useremail},
 *        {@code opinion}, {@code user_name}, ...) or a param as {@code param:<param_id>}. The export id
 *        column is always written: first, unless listed elsewhere
 * @param batchSize most rows one append call carries (Google allows 60 write calls a minute per user)
 * @param appendInterval at most one append call per interval, so that the product stays under Google's
 *        quota of 60 write calls a minute per user (at least 1s); longer fills the batches
 * @param credentialsFile path of the Google service-account JSON key. Secret: keep it readable only by
 *        the product. Example: {@code /etc/esignon-bridge/google-key.json}
 * @param rootUrl the Sheets API root; change it only for a proxy or an emulator
 * @param readTimeout how long to wait for Google's answer before the outcome counts as unknown
 * @param settlePeriod how long rows wait after a failed append before the sheet is read to see whether
 *        Google applied it after all (and how long one instance holds the sheet). Longer than
 *        read-timeout, so that an append Google applies late is seen, never written twice
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
        @DefaultValue("2s") Duration appendInterval,
        String credentialsFile,
        @DefaultValue("https://sheets.googleapis.com/") String rootUrl,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("2m") Duration settlePeriod) {

    @AssertTrue(message = "esignon.sheets.settle-period must be longer than esignon.sheets.read-timeout")
    public boolean isSettlePeriodLongerThanReadTimeout() {
        return settlePeriod.compareTo(readTimeout) > 0;
    }

    @AssertTrue(message = "esignon.sheets.append-interval must be at least 1s: Google allows 60 write calls a minute")
    public boolean isAppendIntervalWithinQuota() {
        return appendInterval.compareTo(Duration.ofSeconds(1)) >= 0;
    }

    @AssertTrue(message = "esignon.sheets.enabled is true but esignon.sheets.spreadsheet-id is empty")
    public boolean isSpreadsheetIdSetWhenEnabled() {
        return !enabled || (spreadsheetId != null && !spreadsheetId.isBlank());
    }
}
