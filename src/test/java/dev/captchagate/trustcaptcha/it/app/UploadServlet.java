package dev.captchagate.trustcaptcha.it.app;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Test application: an upload endpoint with multipart configuration; reports the parts it can still read. */
@WebServlet(urlPatterns = {"/upload/configured", "/open/upload"})
@MultipartConfig
public class UploadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        JsonObjectBuilder parts = Json.createObjectBuilder();
        for (Part part : request.getParts()) {
            parts.add(part.getName(), new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        response.setContentType("application/json");
        response.getOutputStream().write(Json.createObjectBuilder().add("parts", parts).build().toString()
                .getBytes(StandardCharsets.UTF_8));
    }
}
