package dev.captchagate.trustcaptcha.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.internal.config.ClientSettings;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.testing.MapConfig;
import org.junit.jupiter.api.Test;

/** The default upper bound on calls in flight follows the server's request threads, as the portable suite found them. */
class RequestThreadsTest {

    @Test
    void undertowIsKnownByItsContextClassOrItsServerInfo() {
        assertEquals(24, RequestThreads.of("io.undertow.servlet.spec.ServletContextImpl", "x", 2)
                .defaultMaxConcurrent());
        assertEquals(24, RequestThreads.of("jakarta.servlet.ServletContext$Proxy$_$$_WeldClientProxy",
                "WildFly 39.0.1.Final (WildFly Core 31.0.3.Final) - 2.3.23.Final", 2).defaultMaxConcurrent());
        assertEquals(384, RequestThreads.of(null, "WildFly 39", 32).defaultMaxConcurrent(),
                "three quarters of 16 threads per core");
    }

    @Test
    void libertyGetsOnePerCoreAndAtLeastTwo() {
        assertEquals(2, RequestThreads.of("com.ibm.ws.webcontainer.facade.ServletContextFacade",
                "IBM WebSphere Liberty/26.0.0.3", 1).defaultMaxConcurrent());
        assertEquals(8, RequestThreads.of(null, "IBM WebSphere Liberty/26.0.0.3", 8).defaultMaxConcurrent());
    }

    @Test
    void payaraGetsThreeQuartersOfItsHttpThreadsAndUnknownServersSixtyFour() {
        RequestThreads payara = RequestThreads.of("org.apache.catalina.core.ApplicationContextFacade",
                "Payara Micro #badassfish 6.2025.10", 2);
        assertEquals(150, payara.defaultMaxConcurrent());
        assertTrue(payara.identified());
        assertEquals(150, RequestThreads.of(null, "GlassFish Server Open Source Edition 7.0.0", 2)
                .defaultMaxConcurrent());
        RequestThreads unknown = RequestThreads.of(null, null, 2);
        assertEquals(64, unknown.defaultMaxConcurrent());
        assertFalse(unknown.identified());
        assertTrue(unknown.explain().contains("a server not identified at start-up"));
        assertEquals(64, RequestThreads.of(null, "Apache Tomcat/10.1.30", 2).defaultMaxConcurrent());
    }

    @Test
    void aConfiguredBoundWinsOverTheServersDefault() {
        Configuration set = Configuration.read(MapConfig.of("trustcaptcha.api-key", "ak_" + "x".repeat(49),
                "trustcaptcha.resilience.max-concurrent", "40"));
        assertEquals(40, ClientSettings.of(set, 2).maxConcurrent());
        Configuration unset = Configuration.read(MapConfig.of("trustcaptcha.api-key",
                "ak_" + "x".repeat(49)));
        assertEquals(2, ClientSettings.of(unset, 2).maxConcurrent());
        assertEquals(64, ClientSettings.of(unset).maxConcurrent());
    }
}
