package org.esignonbridge.admin;

import java.util.Map;

import com.samskivert.mustache.Mustache;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.apache.tomcat.util.http.SameSiteCookies;
import org.esignonbridge.delivery.DeliveryOperations;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The admin page and API live in the management server's own context, so they answer on the
 * management port only (never the webhook's), and only when an admin token or an OpenID Connect
 * provider is set. Who may call what is {@link AdminSecurity}'s business.
 * Listed in {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports}.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnExpression("!'${esignon.admin.token:}'.isBlank() or !'${spring.security.oauth2.client.registration.esignon.client-id:}'.isBlank()")
@Conditional(AdminContextConfiguration.InManagementContext.class)
public class AdminContextConfiguration {

    /** Component scanning finds this class in the product's own context too: it is meant only for the management one. */
    static class InManagementContext implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
        }
    }

    /**
     * The management server behind the TLS proxy: the proxy's X-Forwarded-Proto and X-Forwarded-For
     * (from a private or loopback address only) make the request https, so the session cookie is
     * Secure, and name the caller's address for the audit trail and the throttle. The session
     * cookie is SameSite=Lax (a Strict one would be lost on the provider's redirect back) and lasts
     * esignon.admin.session-timeout.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> adminSessions(AdminProperties properties) {
        return factory -> {
            RemoteIpValve proxy = new RemoteIpValve();
            proxy.setProtocolHeader("X-Forwarded-Proto");
            proxy.setRemoteIpHeader("X-Forwarded-For");
            factory.addEngineValves(proxy);
            factory.getSession().setTimeout(properties.sessionTimeout());
            factory.addContextCustomizers(context -> {
                Rfc6265CookieProcessor cookies = new Rfc6265CookieProcessor();
                cookies.setSameSiteCookies(SameSiteCookies.LAX.getValue());
                context.setCookieProcessor(cookies);
            });
        };
    }

    @Bean
    RouterFunction<ServerResponse> admin(AdminProperties properties, ContractTrail trail, DeliveryOperations deliveries, AdminAudit audit,
                                         Mustache.Compiler mustache) {
        AdminApi api = new AdminApi(trail, deliveries, properties, audit);
        AdminPage page = new AdminPage(trail, deliveries, properties, audit, mustache);
        return RouterFunctions.route()
                .GET("/admin", page::page)
                .GET("/admin/sign-in", page::signIn)
                .GET("/admin/signed-out", page::signedOut)
                .GET("/admin/denied", page::denied)
                .POST("/admin/denied", page::denied)
                .POST("/admin/replay", page::replay)
                .GET("/admin/api/contracts/{wfuid}", api::contract)
                .GET("/admin/api/contracts", api::contracts)
                .GET("/admin/api/rejected", api::rejected)
                .GET("/admin/api/subscribers", api::subscribers)
                .GET("/admin/api/subscribers/{subscriber}/{state}", api::deliveries)
                .POST("/admin/api/subscribers/{subscriber}/deliveries/{event}/replay", api::replay)
                .POST("/admin/api/subscribers/{subscriber}/replay-parked", api::replayParked)
                .onError(NumberFormatException.class, AdminContextConfiguration::notANumber)
                .build();
    }

    /** A limit, a number of days or an event id that is not a number: the caller's mistake, 400. */
    private static ServerResponse notANumber(Throwable error, ServerRequest request) {
        return ServerResponse.badRequest().body(Map.of("error", "bad_request", "message", "not a number: " + error.getMessage()));
    }
}
