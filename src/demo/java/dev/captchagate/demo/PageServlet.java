package dev.captchagate.demo;

import dev.captchagate.trustcaptcha.sandbox.SandboxOutcome;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The page at {@code /}: the real widget in a classic form, and again in a form whose token JavaScript sends as
 * JSON. In sandbox mode, links choose the outcome the sandbox will answer ({@code ?outcome=bot}), by giving the
 * widget that outcome's sandbox site key.
 */
@WebServlet("")
public class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DemoMode mode = DemoMode.current();
        SandboxOutcome outcome = DemoMode.outcome(request.getParameter("outcome"));
        String context = request.getContextPath();
        String widget = widget(mode, outcome, context);
        String banner;
        if (mode.sandbox()) {
            banner = "<p class=\"mode sandbox\" id=\"mode\">Sandbox mode: the widget and the server talk to the "
                    + "offline TrustCaptcha sandbox this demo serves at <code>" + Pages.text(context
                    + DemoMode.SANDBOX_PATH) + "</code>. No account, nothing leaves this machine. To use the real "
                    + "TrustCaptcha, set <code>TRUSTCAPTCHA_API_KEY</code> and <code>DEMO_SITE_KEY</code>.</p>";
        } else if (mode.siteKey().isPresent()) {
            banner = "<p class=\"mode real\" id=\"mode\">Real TrustCaptcha: the widget uses the site key from "
                    + "<code>DEMO_SITE_KEY</code>, and the server fetches results with "
                    + "<code>TRUSTCAPTCHA_API_KEY</code>.</p>";
        } else {
            banner = "<p class=\"mode problem\" id=\"mode\"><code>TRUSTCAPTCHA_API_KEY</code> is set, so the demo "
                    + "uses the real TrustCaptcha, but <code>DEMO_SITE_KEY</code> (your CAPTCHA's site key) is not. "
                    + "Set it, or unset <code>TRUSTCAPTCHA_API_KEY</code> to use the sandbox.</p>";
        }
        Pages.write(response, Pages.render(getServletContext(), "index.html", Map.of(
                "mode", banner,
                "outcomes", mode.sandbox() ? outcomes(context, outcome) : "",
                "widget", widget,
                "outcome", Pages.text(DemoMode.name(outcome)))));
    }

    /** The widget for this mode: the sandbox's site key of an outcome, the real site key, or why there is none. */
    static String widget(DemoMode mode, SandboxOutcome outcome, String context) {
        if (mode.sandbox()) {
            return "<trustcaptcha-component sitekey=\"" + Pages.text(outcome.siteKey()) + "\" api-url=\""
                    + Pages.text(context + DemoMode.SANDBOX_PATH) + "\"></trustcaptcha-component>";
        }
        if (mode.siteKey().isPresent()) {
            return "<trustcaptcha-component sitekey=\"" + Pages.text(mode.siteKey().get())
                    + "\"></trustcaptcha-component>";
        }
        return "<p class=\"problem\">No widget: <code>DEMO_SITE_KEY</code> is not set.</p>";
    }

    private static String outcomes(String context, SandboxOutcome chosen) {
        StringBuilder links = new StringBuilder();
        for (SandboxOutcome outcome : SandboxOutcome.values()) {
            String name = DemoMode.name(outcome);
            links.append("<li><a id=\"outcome-").append(name).append("\" href=\"").append(Pages.text(context))
                    .append("/?outcome=").append(name).append('"')
                    .append(outcome == chosen ? " aria-current=\"true\"" : "").append('>')
                    .append(Pages.text(outcome.label())).append("<small>")
                    .append(outcome.libraryCode().equals("accepted") ? "accepted"
                            : "refused: " + Pages.text(outcome.libraryCode()))
                    .append("</small></a></li>");
        }
        return "<section class=\"outcomes\" id=\"outcomes\" aria-labelledby=\"outcomes-title\">"
                + "<h2 id=\"outcomes-title\">Sandbox only: what should TrustCaptcha answer?</h2>"
                + "<p>Each choice gives the widget one of the sandbox's site keys; the sandbox answers the server "
                + "accordingly. The real TrustCaptcha decides this itself. Now: <strong id=\"chosen\">"
                + Pages.text(chosen.label()) + "</strong> (site key <code>" + chosen.siteKey() + "</code>).</p>"
                + "<ul>" + links + "</ul></section>";
    }
}
