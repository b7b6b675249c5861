package org.esignonbridge.delivery;

import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;
import org.springframework.stereotype.Component;

/**
 * A route fed by the esignon-events Kamelet gives its failures back to the engine, which
 * counts the attempt, decides the wait and writes the one log line of the failed attempt. Camel's
 * default error handler would write a second one (ERROR, with a stack trace) for every attempt of a
 * staff route: such a route without error handling of its own (no errorHandler, no
 * routeConfigurationId) gets none, as the built-in subscribers declare in their files.
 */
@Component
public class SubscriberRouteErrors implements ModelLifecycleStrategy {

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        if (SubscriberRoutes.fedByKamelet(route) && route.getErrorHandler() == null && !route.isErrorHandlerFactorySet()
                && route.getErrorHandlerRef() == null && route.getRouteConfigurationId() == null) {
            route.errorHandler(new NoErrorHandlerDefinition());
        }
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
    }
}
