package dev.captchagate.trustcaptcha.it;

import static dev.captchagate.trustcaptcha.it.TestWars.apiConfig;
import static dev.captchagate.trustcaptcha.it.TestWars.filter;
import static dev.captchagate.trustcaptcha.it.TestWars.war;
import static dev.captchagate.trustcaptcha.it.TestWars.webXml;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.it.app.EchoServlet;
import dev.captchagate.trustcaptcha.it.app.ParityServlet;
import dev.captchagate.trustcaptcha.testing.Answer;
import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.Tokens;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The differential test of issue 11 ({@link ParityMatrix}) on Payara Micro: what the application reads on a protected path is what it reads on an
 * unprotected path of the same server, for every method (POST, PUT, PATCH, DELETE), content type (JSON, url-encoded,
 * url-encoded with a broken escape before the token, url-encoded spelled {@code Application/X-WWW-Form-URLEncoded},
 * multipart, text, none) and read order (parameters then stream, stream then parameters, reader, async dispatch,
 * ReadListener): the bytes or the text, the parameters, {@code getContentLength}, and the listener's events. Each
 * cell sends the same bytes to both paths, with a token the fake API accepts (a fresh verification id per cell).
 * The multipart cells that differ by design are asserted to differ exactly as documented in the README (section
 * "What the application reads"), not skipped. One deployment, one server start.
 */
@ServerIT
class BodyParityIT {

    @Loopback
    static FakeTrustCaptchaApi fake;

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return war("parity", apiConfig(fake.url()))
                .addClasses(ParityServlet.class, EchoServlet.class)
                .setWebXML(new StringAsset(webXml("", filter("captcha", List.of("/protected/*"), ""))));
    }

    @Test
    void parametersThenStream() {
        matrix("params-stream");
    }

    @Test
    void streamThenParameters() {
        matrix("stream-params");
    }

    @Test
    void reader() {
        matrix("reader");
    }

    @Test
    void asyncDispatch() {
        matrix("async");
    }

    @Test
    void readListener() {
        matrix("listener");
    }

    @Test
    void theStartUpLogSaysWhichFormsBecomeParameters() {
        assertTrue(ServerLog.awaitText("TrustCaptcha: url-encoded bodies become request parameters as the Servlet "
                + "specification says: POST only, when the media type is exactly application/x-www-form-urlencoded"),
                "the choice was not logged");
    }

    private void matrix(String read) {
        new ParityMatrix(Http.at(deployment), "/parity", BodyParityIT::human).run(read);
    }

    /** A token whose verification the fake answers with a human result. */
    private static String human() {
        UUID id = UUID.randomUUID();
        fake.answer(id, Answer.result(Results.human(id)));
        return Tokens.of(id);
    }
}
