package dev.intercom.net;

import dev.intercom.config.SocketAddressSpec;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Resolves the addresses the user gave into the ones the socket uses. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * Resolves {@code --peer}.
     *
     * @throws TransportException naming the host if it cannot be resolved
     */
    public static InetSocketAddress resolvePeer(SocketAddressSpec peer) {
        try {
            return new InetSocketAddress(InetAddress.getByName(peer.host()), peer.port());
        } catch (UnknownHostException e) {
            throw new TransportException("cannot resolve the peer host '" + peer.host()
                    + "' (--peer): check the name, or give an IP address such as 192.168.1.20:5004", e);
        }
    }

    /**
     * Resolves {@code --listen}. Without a host, binds the wildcard address of the peer's
     * family, so an IPv6 peer gets a socket that can reach it.
     *
     * @param peer the resolved peer, or {@code null} if there is none
     * @throws TransportException naming the host if it cannot be resolved
     */
    public static InetSocketAddress resolveListen(SocketAddressSpec listen, InetSocketAddress peer) {
        if (listen.host() == null) {
            if (peer != null && peer.getAddress() instanceof Inet6Address) {
                return new InetSocketAddress(anyIpv6(), listen.port());
            }
            return new InetSocketAddress(listen.port());
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(listen.host()), listen.port());
        } catch (UnknownHostException e) {
            throw new TransportException("cannot resolve the listen address '" + listen.host()
                    + "' (--listen): give a local IP address, or just a port", e);
        }
    }

    /**
     * Refuses a {@code --listen} address of one family with a {@code --peer} of the other: an IPv4
     * socket cannot send to an IPv6 peer (nor the other way round), and would only count a socket
     * error per packet. The IPv6 wildcard {@code [::]} is dual-stack and reaches both.
     *
     * @throws dev.intercom.problem.ConfigException naming both flags
     */
    public static void requireSameFamily(InetSocketAddress listen, InetSocketAddress peer) {
        InetAddress local = listen.getAddress();
        InetAddress remote = peer.getAddress();
        if (local == null || remote == null || (local instanceof Inet6Address && local.isAnyLocalAddress())) {
            return;
        }
        if ((local instanceof Inet6Address) != (remote instanceof Inet6Address)) {
            throw new dev.intercom.problem.ConfigException("--listen", Addresses.format(listen) + " is "
                    + family(local) + " but --peer " + Addresses.format(peer) + " is " + family(remote)
                    + ": give both in one family (e.g. --listen [::1]:5004 --peer [::1]:5006), or --listen with a"
                    + " port only");
        }
    }

    private static String family(InetAddress address) {
        return address instanceof Inet6Address ? "IPv6" : "IPv4";
    }

    private static InetAddress anyIpv6() {
        try {
            return InetAddress.getByName("::");
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the IPv6 wildcard address is always resolvable", e);
        }
    }

    /** @return {@code address} as the user would write it: {@code host:port} or {@code [v6]:port} */
    public static String format(InetSocketAddress address) {
        if (address.getAddress() != null && address.getAddress().isAnyLocalAddress()) {
            return "*:" + address.getPort();
        }
        String host = address.getAddress() == null ? address.getHostString() : text(address.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * @return {@code address} in its short form: dotted IPv4, or IPv6 as RFC 5952 writes it
     *     ({@code ::1}, {@code fe80::1%2}), not Java's {@code 0:0:0:0:0:0:0:1}
     */
    public static String text(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        byte[] bytes = v6.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        // RFC 5952 4.2: the longest run of two or more zero groups (the first of equals) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        if (v6.getScopeId() != 0) {
            b.append('%').append(v6.getScopedInterface() != null ? v6.getScopedInterface().getName() : v6.getScopeId());
        }
        return b.toString();
    }
}
