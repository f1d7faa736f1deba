package dev.captchagate.demo;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/** The page a classic form post lands on: what the server decided, and the JSON behind it. */
final class ResultPage {

    private ResultPage() {
    }

    static String render(ServletContext context, HttpServletRequest request, boolean accepted, int status,
                         String code, String headline, String summary, String json) {
        // From the query string only: reading parameters here could consume a form body the filter needs.
        String outcome = DemoMode.name(DemoMode.outcome(queryValue(request.getQueryString(), "outcome")));
        return Pages.render(context, "result.html", Map.of(
                "verdict-class", accepted ? "accepted" : "refused",
                "verdict", Pages.text(headline),
                "summary", Pages.text(summary),
                "status", Integer.toString(status),
                "code", Pages.text(code),
                "answer", Pages.text(Pages.pretty(json)),
                "again", Pages.text(request.getContextPath() + "/?outcome=" + outcome)));
    }

    private static String queryValue(String query, String name) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return java.net.URLDecoder.decode(pair.substring(name.length() + 1),
                            java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
