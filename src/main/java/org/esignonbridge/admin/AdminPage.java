package org.esignonbridge.admin;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import jakarta.servlet.http.HttpServletRequest;
import com.samskivert.mustache.Template;
import org.esignonbridge.delivery.Deliveries;
import org.esignonbridge.operations.DeliveryBacklog;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The admin page: contracts of the last days with a column per sink, the trail of one contract,
 * the parked items with Replay buttons, and the rejected bodies. A browser signs in once with the
 * admin token; the page is rendered on the server from {@code templates/admin.mustache}.
 */
public class AdminPage {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    /** The built-in sinks' subscribers, a column each; every other subscriber is a staff route. */
    private static final List<String> SINKS = List.of("sheet", "archive", "handoff");

    private final AdminAccess access;
    private final ContractTrail trail;
    private final Deliveries deliveries;
    private final AdminProperties properties;
    private final Template page;
    private final Template signIn;

    public AdminPage(AdminAccess access, ContractTrail trail, Deliveries deliveries, AdminProperties properties,
                     Mustache.Compiler mustache) {
        this.access = access;
        this.trail = trail;
        this.deliveries = deliveries;
        this.properties = properties;
        Mustache.Compiler lenient = mustache.defaultValue("").emptyStringIsFalse(true);   // an empty column shows as nothing
        this.page = template(lenient, "templates/admin.mustache");
        this.signIn = template(lenient, "templates/admin-sign-in.mustache");
    }

    public ServerResponse page(ServerRequest request) {
        String session = access.session(request.servletRequest());
        if (session == null) {
            return ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(HTML).body(signIn.execute(Map.of()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("days", properties.recentDays());
        model.put("rejected", trail.rejected(50));
        model.put("csrf", access.csrf(session));
        model.put("replayed", request.param("replayed").orElse(""));
        List<Map<String, Object>> parked = new ArrayList<>();
        List<Map<String, Object>> subscribers = new ArrayList<>();
        for (DeliveryBacklog.Subscriber subscriber : deliveries.subscribers()) {
            if (subscriber.parked() > 0) {
                parked.addAll(deliveries.parked(subscriber.name(), 100));
                subscribers.add(Map.of("name", subscriber.name(), "parked", subscriber.parked()));
            }
        }
        model.put("parked", parked);
        model.put("parkedSubscribers", subscribers);
        String wfuid = request.param("wfuid").map(String::trim).orElse("");
        if (wfuid.isEmpty()) {
            List<Map<String, Object>> contracts = trail.recent(properties.recentDays(), 200);
            contracts.forEach(AdminPage::sinkColumns);
            model.put("contracts", contracts);
        } else {
            List<Map<String, Object>> exports = trail.exports(wfuid);
            exports.forEach(export -> export.put("param_list", ((Map<?, ?>) export.get("params")).entrySet()));
            model.put("wfuid", wfuid);
            model.put("exports", exports);
        }
        return ServerResponse.ok().contentType(HTML).body(page.execute(model));
    }

    /** The Replay buttons: one parked item (subscriber and item), or every parked item of a subscriber (no item). */
    public ServerResponse replay(ServerRequest request) throws Exception {
        var form = request.params();
        if (!access.allowsForm(request.servletRequest(), form.getFirst("csrf"))) {
            return ServerResponse.status(HttpStatus.FORBIDDEN).contentType(HTML).body(signIn.execute(Map.of()));
        }
        String subscriber = form.getFirst("subscriber");
        String item = form.getFirst("item");
        int replayed = item == null || item.isBlank() ? deliveries.replayParked(subscriber)
                : deliveries.replay(subscriber, Long.parseLong(item)) ? 1 : 0;
        return ServerResponse.seeOther(URI.create("/admin?replayed=" + replayed + "#parked")).build();
    }

    /** Each built-in sink's state in a column of its own (empty: the contract is not its business), the others as staff routes. */
    private static void sinkColumns(Map<String, Object> contract) {
        @SuppressWarnings("unchecked")
        Map<String, String> sinks = (Map<String, String>) contract.get("sinks");
        List<Map<String, String>> staff = new ArrayList<>();
        sinks.forEach((subscriber, state) -> {
            if (SINKS.contains(subscriber)) {
                contract.put("sink_" + subscriber, state);
            } else {
                staff.add(Map.of("name", subscriber, "state", state));
            }
        });
        contract.put("staff", staff);
    }

    /** The sign-in form's POST: the token in the form's body only, never in the URL (proxy logs, history). */
    public ServerResponse signIn(ServerRequest request) throws Exception {
        HttpServletRequest servlet = request.servletRequest();
        if (UriComponentsBuilder.fromUri(request.uri()).build().getQueryParams().containsKey("token")) {
            return ServerResponse.badRequest().contentType(HTML).body(signIn.execute(Map.of("inUrl", true)));
        }
        if (!access.matches(request.params().getFirst("token"), servlet)) {
            Duration locked = access.lockedOut(servlet);
            return locked.isZero()
                    ? ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(HTML).body(signIn.execute(Map.of("wrong", true)))
                    : ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, AdminAccess.retryAfter(locked))
                            .contentType(HTML).body(signIn.execute(Map.of("locked", AdminAccess.retryAfter(locked))));
        }
        return ServerResponse.seeOther(URI.create("/admin")).header(HttpHeaders.SET_COOKIE, access.cookie(servlet).toString()).build();
    }

    private static Template template(Mustache.Compiler mustache, String path) {
        try (var reader = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
            return mustache.compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
