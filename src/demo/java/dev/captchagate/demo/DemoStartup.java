package dev.captchagate.demo;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Says at start-up which TrustCaptcha the demo talks to. */
@WebListener
public class DemoStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(DemoStartup.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        DemoMode mode = DemoMode.current();
        if (mode.sandbox()) {
            LOG.info(() -> "TrustCaptcha demo: sandbox mode; the widget and the library use the sandbox at "
                    + mode.sandboxApiUrl() + " (set TRUSTCAPTCHA_API_KEY and DEMO_SITE_KEY for the real service)");
        } else if (mode.siteKey().isEmpty()) {
            LOG.log(Level.SEVERE, "TrustCaptcha demo: TRUSTCAPTCHA_API_KEY is set but DEMO_SITE_KEY is not: the page "
                    + "cannot show the widget. Set DEMO_SITE_KEY, or unset TRUSTCAPTCHA_API_KEY for the sandbox.");
        } else {
            LOG.info("TrustCaptcha demo: real TrustCaptcha, site key from DEMO_SITE_KEY");
        }
    }
}
