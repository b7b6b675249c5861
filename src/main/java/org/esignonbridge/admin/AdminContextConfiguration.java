package org.esignonbridge.admin;

import java.util.Map;

import java.time.Clock;

import com.samskivert.mustache.Mustache;
import org.esignonbridge.delivery.Deliveries;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
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
    RouterFunction<ServerResponse> admin(AdminProperties properties, ContractTrail trail, Deliveries deliveries,
                                         Mustache.Compiler mustache, Clock clock) {
        AdminAccess access = new AdminAccess(properties, clock);
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
