package dev.intercom.config;

import dev.intercom.problem.ConfigException;

/**
 * A host and UDP port as the user wrote them ({@code host:port}, {@code [v6addr]:port}, or a
 * bare port where the host may be omitted), not yet resolved: resolution happens when the
 * session starts, so an unknown host is reported as such and not as a syntax error.
 *
 * @param host the host name or literal address, or {@code null} for "any local address"
 * @param port the UDP port
 */
public record SocketAddressSpec(String host, int port) {

    /**
     * Parses {@code HOST:PORT}; IPv6 literals go in brackets.
     *
     * @param flag the flag the text came from, for the error message
     * @param text what the user wrote
     * @param hostRequired whether a bare {@code PORT} is refused
     * @param minPort the lowest port accepted (0 lets the OS choose)
     */
    public static SocketAddressSpec parse(String flag, String text, boolean hostRequired, int minPort) {
        String form = hostRequired ? "HOST:PORT, e.g. 192.168.1.20:5004, studio.local:5004 or [::1]:5004"
                : "[HOST:]PORT, e.g. 5004, 0.0.0.0:5004 or [::]:5004";
        if (text == null || text.isBlank()) {
            throw new ConfigException(flag, "expected " + form);
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new ConfigException(flag, "expected " + form + " (got '" + text + "')");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                throw new ConfigException(flag, "put an IPv6 address in brackets, e.g. [::1]:5004 (got '" + text + "')");
            }
            host = colon < 0 ? null : text.substring(0, colon);
            port = colon < 0 ? text : text.substring(colon + 1);
        }
        if (host != null && host.isEmpty()) {
            throw new ConfigException(flag, "expected " + form + " (got '" + text + "')");
        }
        if (host == null && hostRequired) {
            throw new ConfigException(flag, "expected " + form + " (got '" + text + "')");
        }
        return new SocketAddressSpec(host, parsePort(flag, port, text, minPort));
    }

    private static int parsePort(String flag, String port, String text, int minPort) {
        try {
            int value = Integer.parseInt(port);
            if (value >= minPort && value <= 65_535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new ConfigException(flag, "port must be a number from " + minPort + " to 65535 (got '" + text + "')");
    }

    @Override
    public String toString() {
        if (host == null) {
            return Integer.toString(port);
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
