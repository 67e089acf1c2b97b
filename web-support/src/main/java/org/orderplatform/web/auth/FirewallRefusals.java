package org.orderplatform.web.auth;

import java.util.Locale;
import org.springframework.security.web.firewall.RequestRejectedException;

/** A client-facing reason for a firewall refusal, without echoing what was refused. */
final class FirewallRefusals {

    private FirewallRefusals() {}

    static String describe(RequestRejectedException rejected) {
        String message = String.valueOf(rejected.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("header")) {
            return "A header name or value contains characters that are not allowed (control characters)";
        }
        if (message.contains("parameter")) {
            return "A parameter name or value contains characters that are not allowed";
        }
        if (message.contains("method")) {
            return "The HTTP method is not allowed";
        }
        if (message.contains("host")) {
            return "The Host header is not allowed";
        }
        return "The path contains ';', an encoded '/', '\\', '.' or '%', a control character, "
                + "or an empty or dot segment";
    }
}
