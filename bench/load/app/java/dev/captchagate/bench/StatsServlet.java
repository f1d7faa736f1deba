package dev.captchagate.bench;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** {@code GET /stats}: the decisions counted since the last {@code GET /stats?reset}, one "count<TAB>key" a line. */
public class StatsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient Refusals refusals;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        refusals.snapshot(request.getParameter("reset") != null)
                .forEach((key, count) -> out.println(count + "\t" + key));
    }
}
