package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.internal.config.Mode;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import dev.captchagate.trustcaptcha.internal.util.Printable;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Finds the token of a request, first match wins: the header; else, by content type, the JSON body, the
 * url-encoded form or the multipart form. Never the query string, never another content type. When the header
 * has a token, the body is not touched. A JSON or url-encoded body is read into memory (bounded), and the request
 * handed on is a {@link BufferedRequest} that gives the application the same bytes. A multipart body is left to
 * the container.
 */
final class TokenSearch {

    private final FilterSettings settings;
    private final ContainerForms forms;
    private final boolean streamReadyUntilEnd;
    private final boolean discardRefused;

    /**
     * @param settings the filter instance's settings
     * @param forms which bodies the container turns into parameters
     * @param streamReadyUntilEnd whether the container's non-blocking stream stays ready at its end until
     *     {@code read()} has answered -1 (Open Liberty), so that a replayed body ends as the container's would
     */
    TokenSearch(FilterSettings settings, ContainerForms forms, boolean streamReadyUntilEnd) {
        this.settings = settings;
        this.forms = forms;
        this.streamReadyUntilEnd = streamReadyUntilEnd;
        this.discardRefused = settings.mode() == Mode.ENFORCE;
    }

    /**
     * The token or the refusal, and the request to hand on (when the token passes, or in monitor mode always):
     * the request itself, or one that replays what the search read of its body.
     */
    record Result(String token, HttpServletRequest request, Outcome refusal, String detail, Problems.Hint hint) {

        static Result found(String token, HttpServletRequest request, String source) {
            return new Result(token, request, null, "token from " + source, Problems.Hint.NONE);
        }

        static Result refused(Outcome outcome, String detail, HttpServletRequest request) {
            return refused(outcome, detail, request, Problems.Hint.NONE);
        }

        static Result refused(Outcome outcome, String detail, HttpServletRequest request, Problems.Hint hint) {
            return new Result(null, request, outcome, detail, hint);
        }
    }

    Result find(HttpServletRequest request, ServletResponse response) {
        String header = request.getHeader(settings.tokenHeader());
        if (header != null && !header.isBlank()) {
            return Result.found(header, request, "header");
        }
        switch (ContentKind.of(request.getContentType())) {
            case JSON:
                return inJson(request, response);
            case FORM:
                return inForm(request, response);
            case MULTIPART:
                return inMultipart(request);
            default:
                return Result.refused(Outcome.TOKEN_MISSING, "no token header, and no JSON or form body", request);
        }
    }

    private Result inJson(HttpServletRequest request, ServletResponse response) {
        BodyReader.Body body = BodyReader.read(request, settings.maxBodyBytes(), discardRefused);
        Result unusable = unusable(request, response, body, "JSON", false);
        if (unusable != null) {
            return unusable;
        }
        BufferedRequest buffered = new BufferedRequest(request, response, body.bytes(), null, false,
                streamReadyUntilEnd);
        JsonTokenFinder.Found found = JsonTokenFinder.find(body.bytes(), body.bytes().length, settings.jsonPointer());
        if (found.value() != null) {
            return Result.found(found.value(), buffered, "JSON body");
        }
        if (found == JsonTokenFinder.Found.NOT_A_STRING) {
            return Result.refused(Outcome.TOKEN_INVALID, "the JSON token is not a string", buffered);
        }
        return Result.refused(Outcome.TOKEN_MISSING, found == JsonTokenFinder.Found.MALFORMED
                ? "the JSON body is not readable up to the token" : "no token in the JSON body", buffered);
    }

    /** The refusal for a body too large or unreadable, or null when the body was read. */
    private Result unusable(HttpServletRequest request, ServletResponse response, BodyReader.Body body, String kind,
                            boolean form) {
        if (body.tooLarge()) {
            return Result.refused(Outcome.BODY_TOO_LARGE, kind + " body over " + settings.maxBodyBytes() + " bytes",
                    partlyRead(request, response, body, form));
        }
        if (body.unreadable()) {
            return Result.refused(Outcome.TOKEN_MISSING, "the body could not be read", request);
        }
        return null;
    }

    /** The request to hand on in monitor mode when a body was found too large: what was read, then the rest. */
    private HttpServletRequest partlyRead(HttpServletRequest request, ServletResponse response,
                                          BodyReader.Body body, boolean form) {
        if (body.bytes() == null) {
            return request; // refused by its declared length: nothing read
        }
        try {
            return new BufferedRequest(request, response, body.bytes(), request.getInputStream(), form,
                    streamReadyUntilEnd);
        } catch (IOException | IllegalStateException unreadable) {
            return request;
        }
    }

    private Result inForm(HttpServletRequest request, ServletResponse response) {
        boolean parameters = forms.bodyBecomesParameters(request.getMethod(), request.getContentType());
        BodyReader.Body body = BodyReader.read(request, settings.maxBodyBytes(), discardRefused);
        Result unusable = unusable(request, response, body, "form", parameters);
        if (unusable != null) {
            return unusable;
        }
        BufferedRequest buffered = new BufferedRequest(request, response, body.bytes(), null, parameters,
                streamReadyUntilEnd);
        Charset charset;
        try {
            charset = buffered.charset();
        } catch (UnsupportedEncodingException unknown) {
            charset = StandardCharsets.ISO_8859_1; // the token is ASCII; the application will see the same error
        }
        FormFields.Lookup field = FormFields.first(body.bytes(), body.bytes().length, settings.formParam(), charset);
        if (field.value() != null) {
            return Result.found(field.value(), buffered, "form field");
        }
        return Result.refused(Outcome.TOKEN_MISSING,
                field.malformed() ? "no token in the form (pairs with a broken escape were left out, as a container leaves "
                        + "them out)" : "no token in the form", buffered);
    }

    private Result inMultipart(HttpServletRequest request) {
        if (!forms.partsBecomeParameters(request.getMethod())) {
            // Asking for the parts would consume a body that the container leaves to the application for this method
            // (Open Liberty parses the parts of a PUT when asked, but never turns them into parameters).
            return Result.refused(Outcome.TOKEN_MISSING, "the container does not parse the multipart body of a "
                    + Printable.of(request.getMethod()) + " request", request, Problems.Hint.MULTIPART_NOT_CONFIGURED);
        }
        Part part;
        try {
            part = request.getPart(settings.formParam());
        } catch (IllegalStateException | UnsupportedOperationException | ServletException notConfigured) {
            // No multipart configuration on the target servlet, or a part over its size limits. The specification
            // says IllegalStateException; Open Liberty throws UnsupportedOperationException (SRVE8020E) instead.
            return Result.refused(Outcome.TOKEN_MISSING, "multipart body not readable by the container", request,
                    Problems.Hint.MULTIPART_NOT_CONFIGURED);
        } catch (IOException unreadable) {
            return Result.refused(Outcome.TOKEN_MISSING, "the multipart body could not be read", request);
        }
        if (part == null) {
            return Result.refused(Outcome.TOKEN_MISSING, "no token part in the multipart form", request);
        }
        try (InputStream in = part.getInputStream()) {
            byte[] value = in.readNBytes(VerificationToken.MAX_LENGTH + 1);
            if (value.length > VerificationToken.MAX_LENGTH) {
                return Result.refused(Outcome.TOKEN_INVALID, "the token part is too long", request);
            }
            // The parts are parsed now, as when the application asks for the parameters first (the README's promise):
            // ask for them too, so that the container keeps the parts' fields as parameters whatever the application
            // reads next (Open Liberty drops them once the application has used the stream instead).
            try {
                request.getParameterMap();
            } catch (RuntimeException refused) {
                // the application will meet the same refusal when it asks
            }
            return Result.found(new String(value, StandardCharsets.UTF_8), request, "multipart form");
        } catch (IOException unreadable) {
            return Result.refused(Outcome.TOKEN_MISSING, "the token part could not be read", request);
        }
    }
}
