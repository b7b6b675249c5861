package org.esignonbridge.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The parts of eSignon's {@code export_api_info} that are not settings of the receiving side: what the
 * company passes when it starts a contract so that eSignon posts exports to this product. The
 * receiving side ({@code api_type}, the path of {@code url}, {@code authorization}) comes from
 * {@code esignon.export.*}; the public address from {@code esignon.public-base-url}
 * ({@link PublicAddress}). {@code java -jar esignon-export-bridge.jar export-api-info} prints the whole
 * block ({@link ExportApiInfoCommand}).
 *
 * <p>Nothing here is validated at the product's startup: the product does not use these settings,
 * the command checks them.
 *
 * @param requestCode <b>Request code.</b> A free value chosen by the company; eSignon echoes it as
 *        {@code header.request_code} and {@code body.requestid} of every export. The special value
 *        {@code embed} switches eSignon to embed mode: no KakaoTalk or e-mail to signers, and every
 *        export carries the next signer's {@code play_url}. Empty: left out of the block. Example:
 *        {@code hr-onboarding-2025}
 * @param linkType <b>Link type.</b> In embed mode, whether the {@code download_url} and {@code cert_url}
 *        of a completed contract are direct downloads ({@code download}) or viewer pages (eSignon's
 *        default when left out). Viewer pages cannot be archived, hence the default {@code download}.
 *        Empty: left out of the block (eSignon's viewer links). Example: {@code download}
 * @param clientid <b>Client id.</b> The company's eSignon client id, issued by eSignon. Empty: left
 *        out of the block. Example: {@code acme-corp}
 * @param requestParams <b>Request params.</b> Values eSignon adds to every export under a name the
 *        company chooses: the value of a form field when the document has it, else a default. List the
 *        same {@code param-id}s in {@code esignon.export.params} so that a missing one is still stored.
 *        Example: {@code [{param-id: employee_no, param-value: "", fields: [{doc-id: "1234",
 *        field-name: "사번"}]}]}
 */
@ConfigurationProperties("esignon.export-api-info")
public record ExportApiInfoProperties(
        @DefaultValue("") String requestCode,
        @DefaultValue("download") String linkType,
        @DefaultValue("") String clientid,
        List<RequestParam> requestParams) {

    public ExportApiInfoProperties {
        requestCode = requestCode == null ? "" : requestCode;
        linkType = linkType == null ? "" : linkType;
        clientid = clientid == null ? "" : clientid;
        requestParams = requestParams == null ? List.of() : List.copyOf(requestParams);
    }

    /**
     * One entry of {@code request_params}: the export carries {@code "<paramId>": <value>}, the value
     * being that of a listed form field when the document has one, else {@code paramValue}.
     *
     * @param paramId <b>Param id.</b> The key the value has in the export body (at most 200 characters;
     *        not one of eSignon's own body fields such as {@code status}). Example: {@code employee_no}
     * @param paramValue <b>Param value.</b> The value sent when no listed field has one. Example:
     *        {@code unknown}
     * @param fields <b>Fields.</b> The form fields the value is read from. Example:
     *        {@code [{doc-id: "1234", field-name: "사번"}]}
     */
    public record RequestParam(String paramId, @DefaultValue("") String paramValue, List<Field> fields) {

        public RequestParam {
            paramId = paramId == null ? "" : paramId;
            paramValue = paramValue == null ? "" : paramValue;
            fields = fields == null ? List.of() : List.copyOf(fields);
        }
    }

    /**
     * A form field a {@link RequestParam} takes its value from.
     *
     * @param docId <b>Doc id.</b> The eSignon form (서식) id. Example: {@code 1234}
     * @param fieldName <b>Field name.</b> The name of the field in that form. Example: {@code 사번}
     */
    public record Field(String docId, String fieldName) {

        public Field {
            docId = docId == null ? "" : docId;
            fieldName = fieldName == null ? "" : fieldName;
        }
    }

    /**
     * Where eSignon, and anyone the product hands a link to, reaches this product.
     *
     * <p>It sits directly under {@code esignon} because it is the product's address, not a detail of the
     * ExportAPI; binding it under the {@code esignon} prefix ignores the nested {@code esignon.export.*},
     * {@code esignon.sheets.*}, ... settings.
     *
     * @param publicBaseUrl <b>Public base URL.</b> The HTTPS address at which eSignon reaches this product,
     *        as seen from the internet (the reverse proxy or load balancer in front of it), without the
     *        export path; {@code export_api_info.url} is this plus {@code esignon.export.path}. {@code http}
     *        is accepted only for {@code localhost} and {@code 127.0.0.1}. Example:
     *        {@code https://bridge.example.com}
     */
    @ConfigurationProperties("esignon")
    public record PublicAddress(String publicBaseUrl) {
    }
}
