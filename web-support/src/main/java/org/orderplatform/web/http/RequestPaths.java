package org.orderplatform.web.http;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * The path every access decision is made on: decoded and without {@code ;parameters}, as Spring
 * MVC matches it to a handler. The raw {@code getRequestURI()} keeps both, so a check on it could
 * be passed with {@code /admin;x/...} or {@code /%61dmin/...} while the request still reaches
 * the admin controller.
 */
public final class RequestPaths {

    private static final UrlPathHelper DECODED = new UrlPathHelper();

    static {
        DECODED.setUrlDecode(true);
        DECODED.setRemoveSemicolonContent(true);
    }

    private RequestPaths() {}

    public static String of(HttpServletRequest request) {
        return DECODED.getPathWithinApplication(request);
    }
}
