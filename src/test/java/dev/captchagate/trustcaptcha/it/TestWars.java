package dev.captchagate.trustcaptcha.it;

import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the WARs the ITs deploy: the library exactly as packaged ({@code target/trustcaptcha-jakarta-*.jar} in
 * {@code WEB-INF/lib}), the test application's classes, and its own {@code microprofile-config.properties}; and
 * their {@code web.xml}. A {@link ServerIT} class returns its WAR from {@code @Deployment} and hands further ones to
 * {@link TestServer#alsoDeploy}.
 */
public final class TestWars {

    private TestWars() {
    }

    /** The packaged library jar. */
    public static JavaArchive library() {
        File jar = new File(System.getProperty("it.library.jar", "target/trustcaptcha-jakarta.jar"));
        if (!jar.isFile()) {
            throw new IllegalStateException("the packaged library is missing: " + jar + " (run mvn verify)");
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, jar);
    }

    /** A WAR with the library and the given configuration. */
    public static WebArchive war(String name, Map<String, String> config) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(library())
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties");
    }

    /**
     * The configuration of a WAR that talks to a TrustCaptcha API at a URL with the key the fakes accept
     * ({@link FakeTrustCaptchaApi#API_KEY}), then more key-value pairs, in order.
     */
    public static Map<String, String> apiConfig(String apiUrl, String... keysAndValues) {
        Map<String, String> config = config("trustcaptcha.api-key", FakeTrustCaptchaApi.API_KEY,
                "trustcaptcha/mp-rest/url", apiUrl);
        config.putAll(config(keysAndValues));
        return config;
    }

    /**
     * A configuration without the start-up API key check, for the WARs of tests that count every call their fake
     * TrustCaptcha receives: the check's one call comes shortly after deployment, at a time the test does not control.
     * The check itself is tested where nothing else is counted (the portable and operations suites).
     */
    public static Map<String, String> withoutKeyCheck(Map<String, String> config) {
        return with(config, "trustcaptcha.startup-check.enabled", "false");
    }

    /** Configuration key-value pairs, in order. */
    public static Map<String, String> config(String... keysAndValues) {
        Map<String, String> config = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    /** A copy of a configuration with one more key. */
    public static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    /** A web.xml with these attributes on web-app and this content. */
    public static String webXml(String attributes, String content) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"https://jakarta.ee/xml/"
                + "ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd\" version=\"6.0\" " + attributes
                + ">" + content + "</web-app>";
    }

    /** A TrustCaptchaFilter declaration and its mapping to URL patterns, for REQUEST (or the dispatchers given). */
    public static String filter(String name, List<String> patterns, String initParams, String... dispatchers) {
        StringBuilder xml = new StringBuilder("<filter><filter-name>").append(name).append("</filter-name>")
                .append("<filter-class>dev.captchagate.trustcaptcha.TrustCaptchaFilter</filter-class>")
                .append("<async-supported>true</async-supported>").append(initParams).append("</filter>")
                .append("<filter-mapping><filter-name>").append(name).append("</filter-name>");
        patterns.forEach(pattern -> xml.append("<url-pattern>").append(pattern).append("</url-pattern>"));
        for (String dispatcher : dispatchers) {
            xml.append("<dispatcher>").append(dispatcher).append("</dispatcher>");
        }
        return xml.append("</filter-mapping>").toString();
    }

    /** An init-param. */
    public static String param(String name, String value) {
        return "<init-param><param-name>" + name + "</param-name><param-value>" + value + "</param-value></init-param>";
    }

    /** A servlet declaration of a class, mapped to URL patterns. */
    public static String servlet(String name, Class<?> type, List<String> patterns) {
        StringBuilder xml = new StringBuilder("<servlet><servlet-name>").append(name).append("</servlet-name>")
                .append("<servlet-class>").append(type.getName()).append("</servlet-class>")
                .append("<async-supported>true</async-supported></servlet>")
                .append("<servlet-mapping><servlet-name>").append(name).append("</servlet-name>");
        patterns.forEach(pattern -> xml.append("<url-pattern>").append(pattern).append("</url-pattern>"));
        return xml.append("</servlet-mapping>").toString();
    }

    private static String properties(Map<String, String> config) {
        StringBuilder text = new StringBuilder();
        config.forEach((key, value) -> text.append(escape(key)).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=").replace("\n", "\\n");
    }
}
