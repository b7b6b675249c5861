package org.esignonbridge.admin;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The admin page: contracts of the last days with a column per sink, the trail of one contract,
 * the rejected bodies, and the parked items. A browser signs in once with the admin token; the
 * page is rendered on the server from {@code templates/admin.mustache}.
 */
public class AdminPage {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final AdminAccess access;
    private final ContractTrail trail;
    private final AdminProperties properties;
    private final Template page;
    private final Template signIn;

    public AdminPage(AdminAccess access, ContractTrail trail, AdminProperties properties, Mustache.Compiler mustache) {
        this.access = access;
        this.trail = trail;
        this.properties = properties;
        Mustache.Compiler lenient = mustache.defaultValue("").emptyStringIsFalse(true);   // an empty column shows as nothing
        this.page = template(lenient, "templates/admin.mustache");
        this.signIn = template(lenient, "templates/admin-sign-in.mustache");
    }

    public ServerResponse page(ServerRequest request) {
        if (!access.allows(request)) {
            return ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(HTML).body(signIn.execute(Map.of()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("days", properties.recentDays());
        model.put("rejected", trail.rejected(50));
        String wfuid = request.param("wfuid").map(String::trim).orElse("");
        if (wfuid.isEmpty()) {
            model.put("contracts", trail.recent(properties.recentDays(), 200));
        } else {
            List<Map<String, Object>> exports = trail.exports(wfuid);
            exports.forEach(export -> export.put("param_list", ((Map<?, ?>) export.get("params")).entrySet()));
            model.put("wfuid", wfuid);
            model.put("exports", exports);
        }
        return ServerResponse.ok().contentType(HTML).body(page.execute(model));
    }

    public ServerResponse signIn(ServerRequest request) throws Exception {
        String token = request.params().getFirst("token");
        if (!access.matches(token)) {
            return ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(HTML).body(signIn.execute(Map.of("wrong", true)));
        }
        return ServerResponse.seeOther(URI.create("/admin")).header(HttpHeaders.SET_COOKIE, access.cookie().toString()).build();
    }

    private static Template template(Mustache.Compiler mustache, String path) {
        try (var reader = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
            return mustache.compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
