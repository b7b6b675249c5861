package org.esignonbridge.admin;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import org.esignonbridge.delivery.DeliveryOperations;
import org.esignonbridge.operations.DeliveryBacklog;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The admin page: contracts of the last days with a column per subscriber, the trail of one contract,
 * the parked deliveries with Replay buttons (operators), the rejected bodies and the audit trail. Rendered
 * on the server from {@code templates/admin*.mustache}; {@link AdminSecurity} decides who sees it.
 */
public class AdminPage {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    /** The built-in subscribers, a column each; every other subscriber is a staff route. */
    private static final List<String> BUILT_IN = List.of("sheet", "archive", "handoff");

    private final ContractTrail trail;
    private final DeliveryOperations deliveries;
    private final AdminProperties properties;
    private final AdminAudit audit;
    private final Template page;
    private final Template signIn;
    private final Template notice;

    public AdminPage(ContractTrail trail, DeliveryOperations deliveries, AdminProperties properties, AdminAudit audit,
                     Mustache.Compiler mustache) {
        this.trail = trail;
        this.deliveries = deliveries;
        this.properties = properties;
        this.audit = audit;
        Mustache.Compiler lenient = mustache.defaultValue("").emptyStringIsFalse(true);   // an empty column shows as nothing
        this.page = template(lenient, "templates/admin.mustache");
        this.signIn = template(lenient, "templates/admin-sign-in.mustache");
        this.notice = template(lenient, "templates/admin-notice.mustache");
    }

    public ServerResponse page(ServerRequest request) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        Map<String, Object> model = new HashMap<>();
        model.put("days", properties.recentDays());
        model.put("csrf", csrf(request));
        model.put("who", AdminRoles.who(signedIn));
        model.put("role", AdminRoles.role(signedIn));
        boolean operator = "operator".equals(AdminRoles.role(signedIn));
        model.put("operator", operator);
        model.put("replayed", request.param("replayed").orElse(""));
        List<Map<String, Object>> rejected = trail.rejected(50);
        if (!rejected.isEmpty()) {
            audit.record("read_rejected", "page, " + rejected.size() + " bodies");
        }
        model.put("rejected", rejected);
        model.put("audit", audit.recent(50));
        List<Map<String, Object>> parked = new ArrayList<>();
        List<Map<String, Object>> subscribers = new ArrayList<>();
        List<Map<String, Object>> retired = new ArrayList<>();
        for (DeliveryBacklog.Backlog subscriber : deliveries.subscribers()) {
            if (subscriber.parked() > 0) {
                parked.addAll(deliveries.parked(subscriber.name(), 100));
                subscribers.add(Map.of("name", subscriber.name(), "parked", subscriber.parked()));
            }
            if (subscriber.retired()) {
                retired.add(Map.of("name", subscriber.name(), "pending", subscriber.pending(), "parked", subscriber.parked(),
                        "oldest", subscriber.pending() == 0 ? "-" : subscriber.oldestPending().toString()));
            }
        }
        model.put("parked", parked);
        model.put("parkedSubscribers", subscribers);
        model.put("retired", retired);
        model.put("anyRetired", !retired.isEmpty());
        String wfuid = request.param("wfuid").map(String::trim).orElse("");
        if (wfuid.isEmpty()) {
            List<Map<String, Object>> contracts = trail.recent(properties.recentDays(), 200);
            contracts.forEach(AdminPage::subscriberColumns);
            model.put("contracts", contracts);
        } else {
            List<Map<String, Object>> exports = trail.exports(wfuid);
            exports.forEach(export -> export.put("param_list", ((Map<?, ?>) export.get("params")).entrySet()));
            model.put("wfuid", wfuid);
            model.put("exports", exports);
        }
        return ServerResponse.ok().contentType(HTML).body(page.execute(model));
    }

    /** The Replay buttons (operators; the form's CSRF token is checked before this runs): one parked event, or every parked event of a subscriber. */
    public ServerResponse replay(ServerRequest request) throws Exception {
        var form = request.params();
        String subscriber = form.getFirst("subscriber");
        String event = form.getFirst("event");
        int replayed;
        if (event == null || event.isBlank()) {
            replayed = deliveries.replayParked(subscriber);
            audit.record("replay_parked", subscriber + ": " + replayed + " event(s)");
        } else {
            replayed = deliveries.replay(subscriber, Long.parseLong(event)) ? 1 : 0;
            audit.record("replay", subscriber + " event " + event + (replayed == 1 ? "" : " (not parked or busy: nothing done)"));
        }
        return ServerResponse.seeOther(URI.create("/admin?replayed=" + replayed + "#parked")).build();
    }

    /** The token sign-in form (no provider configured); a wrong token comes back here with {@code ?wrong}. */
    public ServerResponse signIn(ServerRequest request) {
        return ServerResponse.ok().contentType(HTML).body(signIn.execute(Map.of(
                "csrf", csrf(request), "wrong", request.param("wrong").isPresent())));
    }

    public ServerResponse signedOut(ServerRequest request) {
        boolean failed = request.param("failed").isPresent();
        return ServerResponse.status(failed ? HttpStatus.UNAUTHORIZED : HttpStatus.OK).contentType(HTML).body(notice.execute(Map.of(
                "id", failed ? "sign-in-failed" : "signed-out",
                "message", failed ? "Signing in with the company's provider did not succeed." : "You are signed out.",
                "again", true)));
    }

    /** Signed in, but the role does not allow it (no role at all, or a viewer's replay). */
    public ServerResponse denied(ServerRequest request) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        String role = AdminRoles.role(signedIn);
        String message = "none".equals(role)
                ? "You are signed in as " + AdminRoles.who(signedIn) + " but have no role on this page. Ask " + properties.contact()
                        + " to give you the role viewer (read) or operator (read and replay)."
                : "You are signed in as " + AdminRoles.who(signedIn) + " with the role " + role + ", which does not allow this."
                        + " Ask " + properties.contact() + " for the role operator.";
        return ServerResponse.status(HttpStatus.FORBIDDEN).contentType(HTML).body(notice.execute(Map.of(
                "id", "denied", "message", message, "csrf", csrf(request))));
    }

    /** The session's CSRF token for the page's forms (Spring Security checks it on every POST). */
    private static String csrf(ServerRequest request) {
        CsrfToken token = (CsrfToken) request.servletRequest().getAttribute(CsrfToken.class.getName());
        return token == null ? "" : token.getToken();
    }

    /** Each built-in subscriber's state in a column of its own (empty: the contract is not its business), the others as staff routes. */
    private static void subscriberColumns(Map<String, Object> contract) {
        @SuppressWarnings("unchecked")
        Map<String, String> subscribers = (Map<String, String>) contract.get("subscribers");
        List<Map<String, String>> staff = new ArrayList<>();
        subscribers.forEach((subscriber, state) -> {
            if (BUILT_IN.contains(subscriber)) {
                contract.put("subscriber_" + subscriber, state);
            } else {
                staff.add(Map.of("name", subscriber, "state", state));
            }
        });
        contract.put("staff", staff);
    }

    /** The sign-in form's POST: the token in the form's body only, never in the URL (proxy logs, history). */
    private static Template template(Mustache.Compiler mustache, String path) {
        try (var reader = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
            return mustache.compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
