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
 * @param enabled <b>Write to a Google Sheet.</b> Append every export that passed the filters to the sheet; when
 *        false {@code routes/sync-sheet.camel.yaml} is not deployed and nothing is queued for it. Example: {@code true}
 * @param spreadsheetId <b>Spreadsheet id.</b> The id in the sheet's URL,
 *        {@code https://docs.google.com/spreadsheets/d/<id>/edit}. Required when enabled. Example:
 *        {@code 1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms}
 * @param sheet <b>Tab.</b> The tab rows are appended to, named exactly as the tab shows it: a new spreadsheet's
 *        first tab is {@code 시트1} for a Korean account. Example: {@code Contracts}
 * @param columns <b>Columns.</b> The sheet's columns in order: a stored field ({@code export_id},
 *        {@code received_at}, {@code request_code}, {@code session_id}, {@code clientid}, {@code wfuid},
 *        {@code wfluid}, {@code processid}, {@code actionid}, {@code requestid}, {@code worktype}, {@code status},
 *        {@code workdatetime}, {@code useremail}, {@code opinion}, {@code user_name}, {@code next_play_user},
 *        {@code next_user_name}, {@code play_url}, {@code cert_url}, {@code download_url}, {@code embed_mode}) or
 *        {@code param:<param_id>}. {@code export_id} is always written: first, unless listed elsewhere. Example:
 *        {@code export_id,wfuid,status,param:employee_no}
 * @param batchSize <b>Batch size.</b> Most rows one append call carries. Example: {@code 500}
 * @param appendInterval <b>Append interval.</b> At most one append call per interval (at least {@code 1s}: Google
 *        allows 60 write calls a minute per user); the rows arriving meanwhile fill the next batch, so a longer
 *        interval means fewer calls per export and a longer lag. Example: {@code 2s}
 * @param credentialsFile <b>Service account key.</b> <b>Secret.</b> Path of the Google service account's JSON key;
 *        keep it readable only by the product. Usually set with {@code GOOGLE_APPLICATION_CREDENTIALS}. Example:
 *        {@code /etc/esignon-bridge/google-key.json}
 * @param rootUrl <b>Sheets API root.</b> Change it only for a proxy or an emulator. Example:
 *        {@code https://sheets.googleapis.com/}
 * @param readTimeout <b>Read timeout.</b> How long to wait for Google's answer before the outcome counts as
 *        unknown. Example: {@code 30s}
 * @param settlePeriod <b>Settle period.</b> Must be longer than read-timeout. After an append whose outcome is
 *        unknown (no answer, a 5xx), rows wait this long (Google may still apply a request it got) before the
 *        sheet is read and only the rows not in it are sent, so no row is written twice; while Google is down
 *        the sheet is tried again every settle period; also how long one instance holds the sheet. Example:
 *        {@code 2m}
 * @param documentLinks <b>Document links.</b> Once a completed contract's files are archived, write where they are
 *        into the row of that export, in the columns {@code document} and {@code certificate} (added after the
 *        header's last column when missing): with the google-drive store a link ({@code =HYPERLINK}) that opens the
 *        file, with the filesystem or s3 store its path or {@code s3://} URI as text. Needs the archive on
 *        ({@code esignon.archive.enabled}). Example: {@code true}
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
        @DefaultValue("2m") Duration settlePeriod,
        @DefaultValue("false") boolean documentLinks) {

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
