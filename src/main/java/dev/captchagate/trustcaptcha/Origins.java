package dev.captchagate.trustcaptcha;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Web origins in one normal form: scheme and host in lower case, no default port, no trailing slash. */
final class Origins {

    private Origins() {
    }

    /**
     * Normalises an origin such as {@code HTTPS://Shop.Example.com:443/}.
     *
     * @param origin the origin, may be null
     * @return {@code https://shop.example.com}, or empty when the text is no {@code scheme://host[:port]} origin
     */
    static Optional<String> normalize(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
        String path = uri.getRawPath();
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || (path != null && !path.isEmpty() && !path.equals("/"))) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
