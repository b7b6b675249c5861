package org.esignonbridge.operations;

import java.util.Arrays;
import java.util.Map;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * No log line can be started or recoloured by what an export carries. Exports reach the log inside
 * messages (a wfuid, a URL, a signer's name, an error quoting a field), so every message and every
 * exception message is escaped where the plain-text log is written, whoever logged it: CR, LF and the
 * other control characters, U+2028/U+2029 and the bidirectional overrides become {@code \n},
 * {@code \r}, {@code \t} kept, or {@code \}{@code uXXXX}. JSON logs ({@code logging.structured.format.*})
 * are escaped by their JSON encoder. Runs before logging starts (listed in {@code META-INF/spring.factories}).
 */
public class LogEscaping implements EnvironmentPostProcessor {

    /** The exception conversion word this registers; {@code logging.exception-conversion-word} defaults to it. */
    static final String ESCAPED_EXCEPTION = "escEx";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (String word : new String[] {"m", "msg", "message"}) {
            PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put(word, EscapedMessage::new);
        }
        PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put(ESCAPED_EXCEPTION, EscapedException::new);
        // the lowest precedence: an operator's own logging.exception-conversion-word still wins
        environment.getPropertySources().addLast(new MapPropertySource("esignon-log-escaping",
                Map.of("logging.exception-conversion-word", "%" + ESCAPED_EXCEPTION)));
    }

    /** The text with every character that could end a line, or steer a terminal, written as an escape. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                escaped.append(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else {
                escaped.append(String.format("\\u%04X", (int) c));
            }
        }
        return escaped.toString();
    }

    private static boolean needsEscape(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');   // bidirectional overrides
    }

    /** {@code %m}: the formatted message, escaped; Spring Boot's startup failure report keeps its lines (it holds no export data). */
    public static class EscapedMessage extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            String message = super.convert(event);
            return event.getLoggerName().startsWith("org.springframework.boot.diagnostics") ? message : escape(message);
        }
    }

    /** Spring Boot's exception converter, with every exception's message escaped (the stack trace keeps its lines). */
    public static class EscapedException extends ExtendedWhitespaceThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy throwable) {
            return super.throwableProxyToString(EscapedThrowable.of(throwable));
        }
    }

    private record EscapedThrowable(IThrowableProxy throwable) implements IThrowableProxy {

        static IThrowableProxy of(IThrowableProxy throwable) {
            return throwable == null ? null : new EscapedThrowable(throwable);
        }

        @Override
        public String getMessage() {
            return escape(throwable.getMessage());
        }

        @Override
        public String getClassName() {
            return throwable.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return throwable.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return throwable.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return of(throwable.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = throwable.getSuppressed();
            return suppressed == null ? null : Arrays.stream(suppressed).map(EscapedThrowable::of).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return throwable.isCyclic();
        }
    }
}
