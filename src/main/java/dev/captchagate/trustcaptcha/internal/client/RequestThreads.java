package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.internal.util.Containers;

/**
 * The server's request threads with its own defaults, as far as the library can tell from standard objects, and the
 * default bound on calls to TrustCaptcha in flight that follows from them. Every call in flight holds a request
 * thread for up to its deadline, so a bound above the server's request threads lets a TrustCaptcha that hangs take
 * all of them, unprotected pages included. The bound is half of the threads the server is sure to have, so that
 * half stay for the rest of the application:
 * <ul>
 * <li>Undertow (WildFly), known by the class of its servlet context or its server info: a worker pool of 16 threads per core by
 * default, so 8 per core;</li>
 * <li>Open Liberty, known by its server info: a default executor that starts 2 threads per core (at least 4) and
 * grows only as its controller sees throughput rise, which a hang never shows, so 1 per core, at least 2;</li>
 * <li>every other server (Payara and GlassFish: 200 HTTP threads; Tomcat and Jetty: 200): 64, which carries well
 * over a thousand verifications a second at TrustCaptcha's usual latency. Payara is one of these by necessity too:
 * its CDI has no servlet context for the application when the client starts, so nothing identifies it.</li>
 * </ul>
 * A configured {@code trustcaptcha.resilience.max-concurrent} always wins; the choice is logged at start-up.
 *
 * @param server the server, as its servlet context names it
 * @param reason why the default is what it is, in words
 * @param defaultMaxConcurrent the default bound on calls in flight
 */
public record RequestThreads(String server, String reason, int defaultMaxConcurrent) {

    /** The default where the server's request threads are many (Payara's 200, Tomcat's 200) or unknown. */
    public static final int DEFAULT = 64;

    /**
     * The request threads of the server that runs a servlet context.
     *
     * @param contextClass the class name of the servlet context, or null outside a web application
     * @param serverInfo {@code ServletContext.getServerInfo()}, or null
     * @param cores the processors the JVM may use
     * @return what the library assumes, and the bound it chooses
     */
    public static RequestThreads of(String contextClass, String serverInfo, int cores) {
        String server = serverInfo == null || serverInfo.isBlank()
                ? "a server not identified at start-up (no servlet context yet)" : serverInfo;
        if (Containers.undertow(contextClass, serverInfo)) {
            return new RequestThreads(server, "half of Undertow's default worker pool of 16 threads per core ("
                    + 16 * cores + " here)", Math.min(DEFAULT, 8 * cores));
        }
        if (Containers.liberty(serverInfo)) {
            return new RequestThreads(server, "half of the " + Math.max(4, 2 * cores) + " threads that Liberty's "
                    + "default executor starts with (2 per core), which grows only as its throughput does",
                    Math.max(2, cores));
        }
        return new RequestThreads(server, "a third of the 200 request threads that Payara, Tomcat and Jetty have by "
                + "default", DEFAULT);
    }

    /** Outside a web application, or where nothing is known: the general default. */
    public static RequestThreads unknown() {
        return of(null, null, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The start-up sentence for a bound that was not configured.
     *
     * @return e.g. "16 by default on WildFly ...: half of Undertow's default worker pool ..."
     */
    public String explain() {
        return defaultMaxConcurrent + " by default on " + server + ": " + reason
                + "; trustcaptcha.resilience.max-concurrent sets it";
    }
}
