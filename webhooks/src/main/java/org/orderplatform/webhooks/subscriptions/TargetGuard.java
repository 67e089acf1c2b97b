package org.orderplatform.webhooks.subscriptions;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF guard. A webhook URL is chosen by a subscriber, so without this a subscriber could make
 * the platform POST into its own network (databases, metadata services, admin ports). Unless
 * private targets are allowed (local development and tests), a URL whose host is or resolves to
 * a loopback, private, link-local, shared (CGNAT), multicast or unspecified address, or to an IPv6
 * address outside global unicast (or in a range that wraps an IPv4 address), is refused: at registration and again for every connection (the HTTP client resolves through
 * {@link #resolve}, so a DNS answer that changed since registration is caught too).
 */
public class TargetGuard {

    private final boolean allowPrivateTargets;
    private final boolean requireHttps;

    public TargetGuard(boolean allowPrivateTargets, boolean requireHttps) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.requireHttps = requireHttps;
    }

    /** Checks a subscription URL; the exception's message says what is wrong with it. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new TargetRefused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new TargetRefused("must be an absolute http(s) URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw new TargetRefused("must not contain credentials");
        }
        if (uri.getFragment() != null) {
            throw new TargetRefused("must not contain a fragment");
        }
        resolve(uri.getHost());
        if (requireHttps && !scheme.equals("https")) {
            throw new TargetRefused("must use https");
        }
        return uri;
    }

    /** The host's addresses, refused when any of them is one this platform may not call. */
    public InetAddress[] resolve(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new TargetRefused("has a host that does not resolve: " + host);
        }
        if (!allowPrivateTargets) {
            List<InetAddress> refused =
                    Arrays.stream(addresses).filter(TargetGuard::isPrivate).toList();
            if (!refused.isEmpty()) {
                throw new TargetRefused("points at a private, loopback or link-local address ("
                        + refused.get(0).getHostAddress() + "); webhooks go to public addresses only");
            }
        }
        return addresses;
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // shared address space (CGNAT)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            // An allow-list: only global unicast (2000::/3), without the ranges that carry an IPv4
            // address inside (which could be a private one) or are for documentation. Everything
            // else (unique local, NAT64 prefixes, IPv4-compatible ...) is refused.
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean globalUnicast = (first & 0xe0) == 0x20;
            boolean sixToFour = first == 0x20 && second == 0x02; // 2002::/16
            boolean teredo = first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0; // 2001::/32
            boolean documentation = first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
            return !globalUnicast || sixToFour || teredo || documentation;
        }
        return true;
    }

    /** The URL may not be used as a webhook target; the message completes "url ...". */
    public static final class TargetRefused extends RuntimeException {
        public TargetRefused(String message) {
            super(message);
        }
    }
}
