package dev.captchagate.trustcaptcha.it;

import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.StalledListener;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A static field of a {@link ServerIT} class that holds a server on 127.0.0.1 the class needs: a
 * {@link FakeTrustCaptchaApi} or a {@link StalledListener}. {@link ServerItExtension} starts one for each field
 * before the deployment is built, so that the {@code @Deployment} method can write its URL into a WAR's
 * configuration; it resets a fake API after each test (unless {@link #resetAfterEach()} is false) and closes every
 * one after the class.
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Loopback {

    /**
     * Whether a {@link FakeTrustCaptchaApi} forgets its scripted answers and recorded requests after each test, so
     * that each test starts from the vendor's behaviour and sees only its own requests. False for a fake that must
     * never be asked (a redirect's target, say): it keeps the requests of the whole class, and any test that
     * asserts it saw none also covers the tests before it.
     *
     * @return {@code true} to reset after each test
     */
    boolean resetAfterEach() default true;
}
