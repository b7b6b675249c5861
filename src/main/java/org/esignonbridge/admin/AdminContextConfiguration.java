package org.esignonbridge.admin;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import com.samskivert.mustache.Mustache;
import org.esignonbridge.delivery.Deliveries;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The admin page and API live in the management server's own context, so they answer on the
 * management port only (never the webhook's), and only when {@code esignon.admin.token} is set.
 * Listed in {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports}.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnExpression("!'${esignon.admin.token:}'.isBlank()")
@Conditional(AdminContextConfiguration.InManagementContext.class)
public class AdminContextConfiguration {

    /** Component scanning finds this class in the product's own context too: it is meant only for the management one. */
    static class InManagementContext implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
        }
    }

    @Bean
    AdminAccess adminAccess(AdminProperties properties, Clock clock) {
        return new AdminAccess(properties, clock);
    }

    /**
     * Every answer of the management port: the admin pages and API get headers that keep contract
     * data out of caches and frames and allow no script; a caller with the admin token (or session)
     * is the principal that {@code management.endpoint.health.show-details: when-authorized} shows
     * health's details to.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> adminHeadersAndPrincipal(AdminAccess access) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getRequestURI().startsWith("/admin")) {
                    response.setHeader("Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
                    response.setHeader("X-Frame-Options", "DENY");
                    response.setHeader("X-Content-Type-Options", "nosniff");
                    response.setHeader("Referrer-Policy", "no-referrer");
                    response.setHeader("Cache-Control", "no-store");
                    chain.doFilter(request, response);
                    return;
                }
                chain.doFilter(access.allows(request) ? new AdminPrincipal(request) : request, response);
            }
        };
        return new FilterRegistrationBean<>(filter);
    }

    /** The admin token's holder, for the actuator's "when authorized". */
    private static final class AdminPrincipal extends HttpServletRequestWrapper {
        AdminPrincipal(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> "admin";
        }
    }

    @Bean
    RouterFunction<ServerResponse> admin(AdminAccess access, AdminProperties properties, ContractTrail trail, Deliveries deliveries,
                                         Mustache.Compiler mustache) {
        AdminApi api = new AdminApi(trail, deliveries, properties);
        AdminPage page = new AdminPage(access, trail, deliveries, properties, mustache);
        RouterFunction<ServerResponse> apiRoutes = RouterFunctions.route()
                .GET("/admin/api/contracts/{wfuid}", api::contract)
                .GET("/admin/api/contracts", api::contracts)
                .GET("/admin/api/rejected", api::rejected)
                .GET("/admin/api/subscribers", api::subscribers)
                .GET("/admin/api/subscribers/{subscriber}/{state}", api::items)
                .POST("/admin/api/subscribers/{subscriber}/items/{item}/replay", api::replay)
                .POST("/admin/api/subscribers/{subscriber}/replay-parked", api::replayParked)
                .filter(access::filter)
                .onError(NumberFormatException.class, AdminContextConfiguration::notANumber)
                .build();
        return RouterFunctions.route()
                .GET("/admin", page::page)
                .POST("/admin/sign-in", page::signIn)
                .POST("/admin/replay", page::replay)
                .onError(NumberFormatException.class, AdminContextConfiguration::notANumber)
                .build()
                .and(apiRoutes);
    }

    /** A limit, a number of days or an item id that is not a number: the caller's mistake, 400. */
    private static ServerResponse notANumber(Throwable error, ServerRequest request) {
        return ServerResponse.badRequest().body(Map.of("error", "bad_request", "message", "not a number: " + error.getMessage()));
    }
}
