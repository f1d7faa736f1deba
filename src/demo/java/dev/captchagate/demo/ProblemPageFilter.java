package dev.captchagate.demo;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * For a classic form post, shows a refusal of the TrustCaptcha filter as a page instead of raw
 * {@code application/problem+json}. Mapped in {@code web.xml} before the TrustCaptcha filter, on the form's path
 * only: it catches a problem answer as it is written, and writes a page with the same status in its place.
 * Anything else passes through untouched.
 */
public class ProblemPageFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ProblemCatcher catcher = new ProblemCatcher(response);
        chain.doFilter(request, catcher);
        if (!catcher.caught()) {
            return;
        }
        String json = catcher.body();
        String title = "Refused";
        String detail = "";
        String code = "";
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject problem = reader.readObject();
            title = problem.getString("title", title);
            detail = problem.getString("detail", detail);
            code = problem.getString("code", code);
        } catch (JsonException | ClassCastException e) {
            detail = "The answer was not readable.";
        }
        Pages.write(response, ResultPage.render(getServletContext(), request, false, catcher.status(), code,
                "Refused: " + title, detail, json));
    }

    /** Holds back a body whose content type is {@code application/problem+json}. */
    private static final class ProblemCatcher extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private boolean catching;
        private int status = 200;

        ProblemCatcher(HttpServletResponse response) {
            super(response);
        }

        boolean caught() {
            return catching;
        }

        int status() {
            return status;
        }

        String body() {
            return buffer.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public void setContentType(String type) {
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
                catching = true;
                return;
            }
            super.setContentType(type);
        }

        @Override
        public void setContentLength(int length) {
            if (!catching) {
                super.setContentLength(length);
            }
        }

        @Override
        public void setContentLengthLong(long length) {
            if (!catching) {
                super.setContentLengthLong(length);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!catching) {
                super.flushBuffer();
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!catching) {
                return super.getOutputStream();
            }
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    buffer.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    buffer.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("not for a problem body");
                }
            };
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!catching) {
                return super.getWriter();
            }
            return new PrintWriter(new java.io.OutputStreamWriter(buffer, StandardCharsets.UTF_8), true);
        }
    }
}
