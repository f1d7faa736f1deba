package dev.captchagate.trustcaptcha.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Test application: a servlet without multipart configuration that receives multipart posts. */
@WebServlet("/upload/plain")
public class PlainUploadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write("received " + request.getInputStream().readAllBytes().length + " bytes");
    }
}
