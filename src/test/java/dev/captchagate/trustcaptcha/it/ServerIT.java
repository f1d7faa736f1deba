package dev.captchagate.trustcaptcha.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test class whose WARs run on the test server ({@link TestServer}), with everything around them:
 *
 * <pre>{@code
 * @ServerIT
 * class SomeIT {
 *     @Loopback
 *     static FakeTrustCaptchaApi fake;             // started before @Deployment runs, reset after each test
 *
 *     @ArquillianResource
 *     private URL deployment;                      // the server: Http.at(deployment)
 *
 *     @Deployment(testable = false)
 *     static WebArchive deployment() {
 *         TestServer.alsoDeploy(war("other", apiConfig(fake.url())));   // more WARs on the same server, if needed
 *         return war("app", apiConfig(fake.url())).addClasses(EchoServlet.class);
 *     }
 * }
 * }</pre>
 *
 * <p>Its extensions run in the order they are listed here, each after-callback in reverse:
 * <ol>
 * <li>{@link ServerItExtension}: before the class, prepares the server and starts the {@link Loopback} servers,
 *     so that they run before Arquillian builds the deployment (whose configuration holds their URLs); resets the
 *     fake APIs after each test; stops them after the class, once the server is down;</li>
 * <li>Arquillian: calls the class's {@code @Deployment} method, starts the server with the WAR, injects
 *     {@code @ArquillianResource URL}, and stops the server after the class;</li>
 * <li>{@link NoSecretsInTheLog}: after the class, while the server still runs, checks that no line it printed holds
 *     the API key or a token.</li>
 * </ol>
 * ({@link OneServerAtATime}, registered for every class, runs around all three.)
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ServerItExtension.class)
@ExtendWith(ArquillianExtension.class)
@ExtendWith(NoSecretsInTheLog.class)
public @interface ServerIT {
}
