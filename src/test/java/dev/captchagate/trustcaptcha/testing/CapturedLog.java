package dev.captchagate.trustcaptcha.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The records a logger publishes while this is open: {@code try (CapturedLog log = CapturedLog.of(...)) {...}}. */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
    }

    /**
     * Starts capturing.
     *
     * @param logger the logger
     * @return the capture; close it to stop
     */
    public static CapturedLog of(Logger logger) {
        CapturedLog log = new CapturedLog(logger);
        logger.addHandler(log);
        return log;
    }

    /**
     * The records so far.
     *
     * @return a live view
     */
    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
