package dev.captchagate.trustcaptcha.internal.util;

/**
 * Which servlet container runs the application, from standard objects only (the servlet context's class name and
 * its server info), for the few places where containers differ and no standard API tells: the default bound on
 * calls in flight, which bodies become parameters, how a non-blocking stream ends. Each caller logs its choice.
 */
public final class Containers {

    private Containers() {
    }

    /**
     * Undertow, the container of WildFly and JBoss EAP.
     *
     * @param contextClass the servlet context's class name, or null (a CDI proxy does not show it)
     * @param serverInfo {@code ServletContext.getServerInfo()}, or null
     * @return whether the container is Undertow
     */
    public static boolean undertow(String contextClass, String serverInfo) {
        return contextClass != null && contextClass.startsWith("io.undertow.")
                || serverInfo != null && (serverInfo.startsWith("WildFly") || serverInfo.startsWith("Undertow")
                        || serverInfo.startsWith("JBoss"));
    }

    /**
     * Open Liberty (server info {@code IBM WebSphere Liberty/26.0.0.3}).
     *
     * @param serverInfo {@code ServletContext.getServerInfo()}, or null
     * @return whether the container is Liberty's
     */
    public static boolean liberty(String serverInfo) {
        return serverInfo != null && serverInfo.contains("Liberty");
    }

    /**
     * Payara or GlassFish (server info {@code Payara Server  6.2025.10 #badassfish}, {@code GlassFish Server ...}).
     *
     * @param serverInfo {@code ServletContext.getServerInfo()}, or null
     * @return whether the container is Payara's or GlassFish's
     */
    public static boolean payara(String serverInfo) {
        return serverInfo != null && (serverInfo.startsWith("Payara") || serverInfo.startsWith("GlassFish")
                || serverInfo.startsWith("Eclipse GlassFish"));
    }
}
