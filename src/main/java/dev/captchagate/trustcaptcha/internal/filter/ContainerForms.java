package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.internal.util.Containers;
import jakarta.servlet.ServletContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Which url-encoded bodies the servlet container turns into request parameters, so that the filter, which has read
 * the body, gives the application the parameters (and the body) its container would have given without it.
 *
 * <p>Containers differ, and the application cannot be asked: once the filter has read the body, the container's own
 * {@code getParameter} no longer sees it, and asking the container before reading would consume the body for an
 * application that reads the stream. So the rule is chosen once, at start-up, from the class of the servlet context
 * (a standard object; no server API is used), and logged:
 * <ul>
 * <li>{@link #SPECIFICATION}: the Servlet specification's rule (section 3.1.1), which Payara and GlassFish (Grizzly
 * and Catalina), Tomcat and every unknown container get: POST only, and only when the media type is exactly
 * {@code application/x-www-form-urlencoded} (they compare it case-sensitively);</li>
 * <li>{@link #EVERY_METHOD}: Undertow (WildFly): every method, when the {@code Content-Type} starts with
 * {@code application/x-www-form-urlencoded}, case-sensitively.</li>
 * </ul>
 * The differential test of the portable IT suite ({@code ParityMatrix}) is the judge on each server it runs on.
 */
enum ContainerForms {

    /** POST only, media type exactly {@code application/x-www-form-urlencoded}. */
    SPECIFICATION("as the Servlet specification says: POST only, when the media type is exactly "
            + "application/x-www-form-urlencoded"),

    /** Every method, {@code Content-Type} starting with {@code application/x-www-form-urlencoded}. */
    EVERY_METHOD("as Undertow does: every method, when the Content-Type starts with application/x-www-form-urlencoded");

    private static final Logger LOG = Logger.getLogger(ContainerForms.class.getName());
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    private final String rule;

    ContainerForms(String rule) {
        this.rule = rule;
    }

    /**
     * The rule of the container that runs this servlet context; logged once per application.
     *
     * @param context the servlet context, or null (then the specification's rule)
     * @return the rule
     */
    static ContainerForms of(ServletContext context) {
        ContainerForms forms = context != null
                && Containers.undertow(context.getClass().getName(), context.getServerInfo()) ? EVERY_METHOD
                : SPECIFICATION;
        if (ANNOUNCED.compareAndSet(false, true)) {
            String server = context == null ? "an unknown container" : context.getServerInfo();
            LOG.info("TrustCaptcha: url-encoded bodies become request parameters " + forms.rule + " (chosen for "
                    + server + "); every other body reaches the application as bytes, as without the filter");
        }
        return forms;
    }

    /**
     * Whether the container would turn this request's body into parameters.
     *
     * @param method the request method
     * @param contentType the {@code Content-Type} header, or null
     * @return whether it would
     */
    boolean bodyBecomesParameters(String method, String contentType) {
        if (contentType == null) {
            return false;
        }
        if (this == EVERY_METHOD) {
            return contentType.startsWith(FORM);
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return "POST".equals(method) && type.equals(FORM);
    }

    /**
     * Whether the container turns the parts of a multipart body of this method into parameters, so that the filter
     * may ask for the token part without taking from the application a body it would otherwise have: POST, or every
     * method on Undertow.
     *
     * @param method the request method
     * @return whether it does
     */
    boolean partsBecomeParameters(String method) {
        return this == EVERY_METHOD || "POST".equals(method);
    }

    @Override
    public String toString() {
        return rule;
    }
}
