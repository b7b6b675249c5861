package org.esignonbridge.admin;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.esignonbridge.config.ConstantTimeSecret;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Spring Security on the management port only (the webhook's port is never touched): who may see
 * the admin page and API, and how they sign in.
 * <ul>
 * <li>With an OpenID Connect provider ({@code spring.security.oauth2.client.registration.esignon}):
 * the page signs in by the provider (authorization code flow), the API takes the provider's JWTs
 * ({@code spring.security.oauth2.resourceserver.jwt.*}: issuer, audience, expiry, signature); the
 * admin token only as a bearer token and only with {@code esignon.admin.token-fallback}.</li>
 * <li>Without one: the page's sign-in form and the API take the admin token, as before.</li>
 * </ul>
 * Roles ({@link AdminRoles}): viewer reads, operator also replays. The session is Spring
 * Security's (HttpSession), forms carry its CSRF token, and health's details are shown to anyone
 * signed in ({@code show-details: when-authorized}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class AdminSecurity {

    private static final String PROVIDER = "esignon";

    /** The management server's port, known once it listens (0 in the settings means "any free one"). */
    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    static final class ManagementPort implements ApplicationListener<WebServerInitializedEvent>, RequestMatcher {
        private volatile int port = -1;

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            if ("management".equals(event.getApplicationContext().getServerNamespace())) {
                port = event.getWebServer().getPort();
            }
        }

        @Override
        public boolean matches(HttpServletRequest request) {
            return request.getLocalPort() == port;
        }
    }

    /** Denials (AuthorizationDeniedEvent) reach {@link AdminAudit}. */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    @Bean
    SecurityFilterChain adminFilterChain(HttpSecurity http, ManagementPort managementPort, AdminProperties properties, AdminRoles roles,
                                      AdminAudit audit, ObjectProvider<ClientRegistrationRepository> clients,
                                      ObjectProvider<JwtDecoder> jwtDecoder, ApplicationEventPublisher events) throws Exception {
        ClientRegistrationRepository repository = clients.getIfAvailable();
        ClientRegistration registration = repository == null ? null : repository.findByRegistrationId(PROVIDER);
        boolean provider = registration != null;
        boolean token = properties.hasToken() && (!provider || properties.tokenFallback());
        JwtDecoder decoder = provider ? jwtDecoder.getIfAvailable() : null;
        http.securityMatcher(managementPort)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' " + formTarget(registration)
                                        + "; frame-ancestors 'none'; base-uri 'none'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .addFilterBefore(new Lockout(audit.throttle()), CsrfFilter.class);
        if (!provider && !properties.hasToken()) {   // no admin: health and metrics as they are
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        http.authorizeHttpRequests(requests -> requests
                .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                .requestMatchers("/actuator/**", "/admin/sign-in", "/admin/signed-out", "/admin/denied", "/error").permitAll()
                .requestMatchers(HttpMethod.POST, "/admin/replay", "/admin/api/**").hasRole(AdminRoles.OPERATOR)
                .requestMatchers("/admin", "/admin/**").hasRole(AdminRoles.VIEWER)
                .anyRequest().denyAll());
        // CSRF guards what a cookie could authorise: not a bearer token, not a request without cookies (401 then)
        http.csrf(csrf -> csrf.requireCsrfProtectionMatcher(request -> !List.of("GET", "HEAD", "TRACE", "OPTIONS").contains(request.getMethod())
                && request.getHeader("Authorization") == null && request.getCookies() != null));
        AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
        page.setErrorPage("/admin/denied");
        http.exceptionHandling(exceptions -> exceptions
                .defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(), new AntPathRequestMatcher("/admin/api/**"))
                .defaultAccessDeniedHandlerFor(new BearerTokenAccessDeniedHandler(), new AntPathRequestMatcher("/admin/api/**"))
                .defaultAccessDeniedHandlerFor(page, request -> true));

        List<AuthenticationProvider> bearer = new ArrayList<>();
        if (token) {
            bearer.add(new AdminTokenProvider(properties.token(), decoder != null));
        }
        if (decoder != null) {
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(jwt -> new ArrayList<>(roles.of(jwt.getClaims())));
            JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(decoder);
            jwt.setJwtAuthenticationConverter(converter);
            bearer.add(jwt);
        }
        if (!bearer.isEmpty()) {
            ProviderManager manager = new ProviderManager(bearer);
            manager.setAuthenticationEventPublisher(eventsOf(events));
            http.oauth2ResourceServer(resource -> resource.authenticationManagerResolver(request -> manager));
        }

        if (provider) {
            http.oauth2Login(login -> login
                    .loginPage("/oauth2/authorization/" + PROVIDER)
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(withRoles(roles)))
                    .defaultSuccessUrl("/admin", true)
                    .failureUrl("/admin/signed-out?failed"))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        (request, response, e) -> response.sendRedirect("/oauth2/authorization/" + PROVIDER),
                        new AntPathRequestMatcher("/admin")));
        } else {
            ProviderManager form = new ProviderManager(new AdminTokenProvider(properties.token(), false));
            form.setAuthenticationEventPublisher(eventsOf(events));
            http.formLogin(login -> login
                    .loginPage("/admin/sign-in")
                    .passwordParameter("token")
                    .defaultSuccessUrl("/admin", true)
                    .failureHandler((request, response, e) -> response.sendRedirect("/admin/sign-in?wrong"))
                    .permitAll())
                .authenticationManager(form);
        }
        http.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .logout(logout -> logout.logoutUrl("/admin/sign-out").logoutSuccessUrl("/admin/signed-out")
                        .deleteCookies("JSESSIONID"));
        return http.build();
    }

    /** Every failed sign-in becomes an event for the audit trail, whatever the exception (an invalid JWT too). */
    private static DefaultAuthenticationEventPublisher eventsOf(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return publisher;
    }

    /** The provider's authorization endpoint, where the sign-in redirect goes (CSP form-action covers redirects). */
    private static String formTarget(ClientRegistration registration) {
        if (registration == null) {
            return "";
        }
        URI uri = URI.create(registration.getProviderDetails().getAuthorizationUri());
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static OAuth2UserService<OidcUserRequest, OidcUser> withRoles(AdminRoles roles) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            return new DefaultOidcUser(roles.of(user.getClaims()), user.getIdToken(), user.getUserInfo(), "sub");
        };
    }

    /**
     * The admin token: the sign-in form's {@code token} field, or a bearer token. For a bearer token
     * that is not it while a provider is configured, the JWT check decides (a JWT is never the token).
     */
    static final class AdminTokenProvider implements AuthenticationProvider {
        private final ConstantTimeSecret token;
        private final boolean jwtAfter;

        AdminTokenProvider(String token, boolean jwtAfter) {
            this.token = new ConstantTimeSecret(token);
            this.jwtAfter = jwtAfter;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            String candidate = authentication instanceof BearerTokenAuthenticationToken bearer ? bearer.getToken()
                    : String.valueOf(authentication.getCredentials());
            if (token.matches(candidate)) {
                UsernamePasswordAuthenticationToken holder = UsernamePasswordAuthenticationToken.authenticated(
                        AdminRoles.TOKEN_HOLDER, null, AdminRoles.tokenHolder());
                holder.setDetails(authentication.getDetails());
                return holder;
            }
            if (jwtAfter && authentication instanceof BearerTokenAuthenticationToken) {
                return null;
            }
            throw new BadCredentialsException("not the admin token");
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication)
                    || UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

    /**
     * Before any sign-in: a token in the URL is refused (it would end up in proxy logs and browser
     * history), and an address that sent too many wrong tokens or failed sign-ins waits ({@link WrongTokenThrottle}): 429.
     */
    private static final class Lockout extends OncePerRequestFilter {
        private final WrongTokenThrottle throttle;

        Lockout(WrongTokenThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if ("/admin/sign-in".equals(request.getRequestURI()) && request.getQueryString() != null
                    && UriComponentsBuilder.fromUriString("?" + request.getQueryString()).build().getQueryParams().containsKey("token")) {
                response.sendError(400, "the token goes in the sign-in form's body, never in the address");
                return;
            }
            boolean signingIn = request.getHeader("Authorization") != null
                    || ("POST".equals(request.getMethod()) && "/admin/sign-in".equals(request.getRequestURI()))
                    || request.getRequestURI().startsWith("/login/oauth2/code/");
            Duration locked = signingIn ? throttle.lockedOut(request.getRemoteAddr()) : Duration.ZERO;
            if (locked.isZero()) {
                chain.doFilter(request, response);
                return;
            }
            response.setHeader("Retry-After", Long.toString(Math.max(1, (locked.toMillis() + 999) / 1000)));
            response.sendError(429, "too many wrong tokens or failed sign-ins from this address");
        }
    }
}
