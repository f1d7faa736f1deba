package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.internal.util.Containers;

/**
 * The server's request threads with its own defaults, as far as the library can tell from standard objects, and the
 * default upper bound of the adaptive limit on calls to TrustCaptcha in flight ({@link ConcurrencyLimit}) that
 * follows from them. Every call in flight holds a request thread for up to its deadline; the limit shrinks fast
 * when calls slow down or hang, but the calls already in flight when TrustCaptcha starts to hang stay until their
 * deadline, so the upper bound leaves part of the threads the server is sure to have to the rest of the
 * application:
 * <ul>
 * <li>Payara and GlassFish, known by their server info: 200 HTTP threads by default, so 150 (Payara's CDI has no
 * servlet context when the client starts: the filter's start tells the client, {@link ResultClient#serverIs});</li>
 * <li>Undertow (WildFly), known by the class of its servlet context or its server info: a worker pool of 16 threads
 * per core by default, so 12 per core;</li>
 * <li>Open Liberty, known by its server info: a default executor that starts 2 threads per core (at least 4) and
 * grows only as its controller sees throughput rise, which a hang never shows, so 1 per core, at least 2;</li>
 * <li>every other server, or one not identified: {@value #DEFAULT}, a conservative bound that carries over a
 * thousand verifications a second at TrustCaptcha's usual latency and stays well below the 200 request threads of
 * Tomcat and Jetty.</li>
 * </ul>
 * A configured {@code trustcaptcha.resilience.max-concurrent} always wins; the choice is logged at start-up.
 *
 * @param server the server, as its servlet context names it
 * @param reason why the default is what it is, in words
 * @param defaultMaxConcurrent the default upper bound on calls in flight
 * @param identified whether the server was recognised (otherwise the bound is the conservative default)
 */
public record RequestThreads(String server, String reason, int defaultMaxConcurrent, boolean identified) {

    /** The default upper bound where the server is not known. */
    public static final int DEFAULT = 64;

    /** Payara's and GlassFish's HTTP threads by default. */
    public static final int PAYARA_THREADS = 200;

    /**
     * The request threads of the server that runs a servlet context.
     *
     * @param contextClass the class name of the servlet context, or null outside a web application
     * @param serverInfo {@code ServletContext.getServerInfo()}, or null
     * @param cores the processors the JVM may use
     * @return what the library assumes, and the bound it chooses
     */
    public static RequestThreads of(String contextClass, String serverInfo, int cores) {
        boolean unknown = serverInfo == null || serverInfo.isBlank();
        String server = unknown ? "a server not identified at start-up (no servlet context yet)" : serverInfo;
        if (Containers.undertow(contextClass, serverInfo)) {
            return new RequestThreads(server, "three quarters of Undertow's default worker pool of 16 threads per "
                    + "core (" + 16 * cores + " here)", 12 * cores, true);
        }
        if (Containers.liberty(serverInfo)) {
            return new RequestThreads(server, "half of the " + Math.max(4, 2 * cores) + " threads that Liberty's "
                    + "default executor starts with (2 per core), which grows only as its throughput does",
                    Math.max(2, cores), true);
        }
        if (Containers.payara(serverInfo)) {
            return new RequestThreads(server, "three quarters of the " + PAYARA_THREADS + " HTTP threads that Payara "
                    + "and GlassFish have by default", PAYARA_THREADS * 3 / 4, true);
        }
        return new RequestThreads(server, "a conservative default for a server whose request threads are not known",
                DEFAULT, false);
    }

    /** Outside a web application, or where nothing is known: the general default. */
    public static RequestThreads unknown() {
        return of(null, null, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The start-up sentence for a bound that was not configured.
     *
     * @return e.g. "24 by default on WildFly ...: three quarters of Undertow's default worker pool ..."
     */
    public String explain() {
        return defaultMaxConcurrent + " by default on " + server + ": " + reason
                + "; trustcaptcha.resilience.max-concurrent sets it";
    }
}
