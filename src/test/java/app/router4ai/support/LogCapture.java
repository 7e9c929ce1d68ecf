package app.router4ai.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the running application while open (all loggers), for tests that assert what an
 * operator would see: no ERROR line, no stack trace. Optionally lowers one logger to DEBUG so a test can
 * wait for the quiet line that says a request was handled.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger debugged;
    private final Level debuggedLevel;

    public LogCapture() {
        this(null);
    }

    public LogCapture(String debugLogger) {
        appender.start();
        root.addAppender(appender);
        debugged = debugLogger == null ? null : (Logger) LoggerFactory.getLogger(debugLogger);
        debuggedLevel = debugged == null ? null : debugged.getLevel();
        if (debugged != null) {
            debugged.setLevel(Level.DEBUG);
        }
    }

    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    /** Events at WARN or above, or with a stack trace. */
    public List<String> loud() {
        return events().stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null)
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName()))
                .toList();
    }

    public long count(String loggerName, String messagePart) {
        return events().stream()
                .filter(e -> e.getLoggerName().equals(loggerName) && e.getFormattedMessage().contains(messagePart))
                .count();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        if (debugged != null) {
            debugged.setLevel(debuggedLevel);
        }
    }
}
