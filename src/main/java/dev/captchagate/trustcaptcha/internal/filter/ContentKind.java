package dev.captchagate.trustcaptcha.internal.filter;

import java.util.Locale;

/** Which kind of body a request has, by its {@code Content-Type}: the only thing that decides where to look. */
enum ContentKind {
    /** {@code application/json} and any {@code +json} type. */
    JSON,
    /** {@code application/x-www-form-urlencoded}. */
    FORM,
    /** {@code multipart/form-data}. */
    MULTIPART,
    /** Anything else, or none: the token can only come in the header. */
    OTHER;

    static ContentKind of(String contentType) {
        if (contentType == null) {
            return OTHER;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || (type.endsWith("+json") && type.indexOf('/') > 0)) {
            return JSON;
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return FORM;
        }
        if (type.equals("multipart/form-data")) {
            return MULTIPART;
        }
        return OTHER;
    }
}
