package org.esignonbridge.receive;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the export route the body as raw bytes, whatever the request claims:
 * <ul>
 * <li>reading stops one byte past {@code esignon.export.max-body-bytes}: the HTTP consumer reads
 * the whole body before the route runs, and without this cap a huge body would be spooled in full
 * before {@link ExportBodyReader} can refuse it with 413;</li>
 * <li>a form Content-Type (what {@code curl --data} sends unless told otherwise) is not parsed as
 * a form: the consumer would fail on a JSON body before the route could answer.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class RawExportBodyFilter {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> rawExportBody(ExportProperties properties) {
        long cap = properties.maxBodyBytes().toBytes() + 1;
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(new CappedRequest(request, cap), response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(properties.path());
        return registration;
    }

    private static final class CappedRequest extends HttpServletRequestWrapper {

        private final long cap;
        private ServletInputStream capped;

        CappedRequest(HttpServletRequest request, long cap) {
            super(request);
            this.cap = cap;
        }

        /** The Content-Type header itself is kept (and stored with a rejected body); only form parsing is off. */
        @Override
        public String getContentType() {
            String type = super.getContentType();
            return type != null && type.regionMatches(true, 0, FORM, 0, FORM.length()) ? null : type;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (capped == null) {
                capped = new CappedInputStream(super.getInputStream(), cap);
            }
            return capped;
        }
    }

    private static final class CappedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private long remaining;

        CappedInputStream(ServletInputStream in, long cap) {
            this.in = in;
            this.remaining = cap;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return remaining <= 0 || in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
