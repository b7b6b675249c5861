package org.esignonbridge.receive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.esignonbridge.operations.ExportOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the webhook's threads and hands the export route the body as raw bytes, whatever the
 * request claims:
 * <ul>
 * <li>any method but POST (OPTIONS included) is answered 405;</li>
 * <li>the {@code authorization} header is checked before a byte of the body is read: a caller
 * without the secret is answered 401 at once and cannot hold a thread by sending slowly;</li>
 * <li>reading stops one byte past {@code esignon.export.max-body-bytes} (the route answers 413),
 * and a body that takes longer than {@code esignon.export.body-timeout} in all is answered 408;</li>
 * <li>until the webhook's route runs (Tomcat listens a moment before it, and a little after it at a
 * stop), an export is answered 503 with {@code Retry-After} ({@code esignon.export.retry-after}) instead of 404;</li>
 * <li>a form Content-Type (what {@code curl --data} sends unless told otherwise) is not parsed as
 * a form: the consumer would fail on a JSON body before the route could answer.</li>
 * </ul>
 * This is the webhook's one check of the secret: the export route runs only for a caller that passed it.
 */
@Configuration(proxyBeanMethods = false)
public class RawExportBodyFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RawExportBodyFilter.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNAUTHORIZED = "missing or wrong authorization header";
    private static final String UNREAD_BODY = RawExportBodyFilter.class.getName() + ".unreadBody";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> rawExportBody(ExportProperties properties, ExportAuthenticator authenticator,
                                                               ExportAnswers answers, ExportOutcomes outcomes,
                                                               @Lazy WebhookHealthIndicator webhook) {
        long cap = properties.maxBodyBytes().toBytes() + 1;
        long timeoutNanos = properties.bodyTimeout().toNanos();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!"POST".equals(request.getMethod())) {
                    response.setHeader("Allow", "POST");   // OPTIONS too: no other method, no CORS pre-flight
                    response.setStatus(405);
                    return;
                }
                long started = System.nanoTime();
                if (!authenticator.isAuthorized(request.getHeader("authorization"))) {
                    LOG.warn("Refused an export: {}", UNAUTHORIZED);   // never what was expected
                    answer(request, response, 401, answers.refused("unauthorized", UNAUTHORIZED), outcomes, started);
                    return;
                }
                byte[] body = readWithin(request.getInputStream(), cap, timeoutNanos);
                if (body == null) {
                    LOG.warn("Refused an export: the body took longer than {} to arrive (esignon.export.body-timeout)",
                            properties.bodyTimeout());
                    answer(request, response, 408, answers.refused("too_slow", "the body took longer than "
                            + properties.bodyTimeout().toSeconds() + " s to arrive (esignon.export.body-timeout)"), outcomes, started);
                    return;
                }
                if (!webhook.isRunning()) {
                    notRunning(request, response, answers, outcomes, started); // looked at last: also stopped while the body arrived
                    return;
                }
                chain.doFilter(new ReadRequest(request, body), response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(properties.path());
        return registration;
    }

    /** At most {@code cap} bytes; null when they take longer than the deadline. */
    private static byte[] readWithin(InputStream in, long cap, long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (body.size() < cap && (n = in.read(buffer, 0, (int) Math.min(buffer.length, cap - body.size()))) >= 0) {
            body.write(buffer, 0, n);
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
        }
        return body.toByteArray();
    }

    /**
     * Tomcat takes requests a moment before the routes start (and after they stop): a 503 makes the
     * sender try again where a 404 would lose the export.
     */
    private static void notRunning(HttpServletRequest request, HttpServletResponse response, ExportAnswers answers,
                                   ExportOutcomes outcomes, long started) throws IOException {
        LOG.warn("Refused an export: the webhook's route is not running (starting or stopping)");
        response.setHeader("Retry-After", answers.retryAfter());
        answer(request, response, 503, answers.refused("unavailable",
                "the product is starting or stopping and stored nothing: send the export again in a few seconds"), outcomes, started);
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, int status,
                               Map<String, Object> answer, ExportOutcomes outcomes, long started) throws IOException {
        request.setAttribute(UNREAD_BODY, Boolean.TRUE);
        response.setStatus(status);
        response.setHeader("Connection", "close"); // the caller learns that this connection ends here
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), answer);
        outcomes.record(JSON.valueToTree(answer), status, null, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * After an early answer Tomcat would still read ("swallow") the rest of the body to keep the
     * connection, holding the thread as long as the caller keeps sending; instead the connection
     * is closed. Tomcat's own API, as the product runs on embedded Tomcat.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> closeAfterEarlyAnswer() {
        return factory -> factory.addContextValves(new ValveBase(true) {
            @Override
            public void invoke(Request request, Response response) throws IOException, ServletException {
                getNext().invoke(request, response);
                if (request.getAttribute(UNREAD_BODY) != null) {
                    request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                }
            }
        });
    }

    /** The body, already read; the Content-Type header itself is kept (and stored with a rejected body). */
    private static final class ReadRequest extends HttpServletRequestWrapper {

        private final ByteArrayInputStream body;

        ReadRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = new ByteArrayInputStream(body);
        }

        @Override
        public String getContentType() {
            String type = super.getContentType();
            return type != null && type.regionMatches(true, 0, FORM, 0, FORM.length()) ? null : type;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() {
                    return body.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return body.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return body.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }
    }
}
