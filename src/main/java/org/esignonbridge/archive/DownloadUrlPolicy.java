package org.esignonbridge.archive;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Which URLs the archive may fetch. An export can be forged or tampered with, so its URLs must not
 * make the product reach internal addresses: only https, only the allowed hosts, and never an address
 * in a loopback, private, link-local (cloud metadata) or other non-public range. Checked for the URL
 * and again for every redirect.
 */
@Component
public class DownloadUrlPolicy {

    private final List<String> allowedHosts;
    private final boolean allowInsecureLoopback;

    public DownloadUrlPolicy(ArchiveProperties properties) {
        this.allowedHosts = properties.allowedHosts().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        this.allowInsecureLoopback = properties.allowInsecureLoopback();
    }

    /** Returns the URL when it may be fetched; throws with the reason otherwise. */
    public URI check(String url) throws DownloadDeclinedException, DownloadFailedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new DownloadDeclinedException("not a valid URL");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null) {
            throw new DownloadDeclinedException("the URL has no host, or carries a user name");
        }
        if (!allowedHost(host)) {
            throw new DownloadDeclinedException("host " + host + " is not in esignon.archive.allowed-hosts");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean loopbackTest = allowInsecureLoopback && "http".equalsIgnoreCase(uri.getScheme()) && isLoopbackName(host);
        if (!https && !loopbackTest) {
            throw new DownloadDeclinedException("only https URLs are fetched");
        }
        for (InetAddress address : resolve(host)) {
            boolean allowedLoopback = allowInsecureLoopback && address.isLoopbackAddress();
            if (!allowedLoopback && !isPublic(address)) {
                throw new DownloadDeclinedException("host " + host + " resolves to a non-public address " + address.getHostAddress());
            }
        }
        return uri;
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private boolean allowedHost(String host) {
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private static InetAddress[] resolve(String host) throws DownloadFailedException {
        try {
            return InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new DownloadFailedException("host " + host + " cannot be resolved (DNS), tried again later");
        }
    }

    /**
     * Public IPv4, or global unicast IPv6 (2000::/3) outside the special ranges. An IPv6 address that
     * carries an IPv4 one (mapped, compatible, translated, NAT64 64:ff9b::/96, 6to4 2002::/16) is as
     * public as the IPv4 inside it.
     */
    static boolean isPublic(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 4) {
            return isPublicIpv4(a);
        }
        byte[] inside = embeddedIpv4(a);
        if (inside != null) {
            return isPublicIpv4(inside);
        }
        int first = word(a, 0);
        int second = word(a, 1);
        return (first & 0xe000) == 0x2000                                  // global unicast 2000::/3 only
                && !(first == 0x2001 && second < 0x0200)                   // 2001::/23 protocol assignments (Teredo, benchmarking)
                && !(first == 0x2001 && second == 0x0db8)                  // 2001:db8::/32 documentation
                && !(first == 0x3fff && second < 0x1000);                  // 3fff::/20 documentation
    }

    private static boolean isPublicIpv4(byte[] a) {
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        int third = a[2] & 0xff;
        return first != 0 && first != 10 && first != 127 && first < 224     // this network, private, loopback, multicast and reserved
                && !(first == 169 && second == 254)                        // link-local (cloud metadata)
                && !(first == 172 && second >= 16 && second < 32)          // private 172.16/12
                && !(first == 192 && second == 168)                        // private 192.168/16
                && !(first == 100 && second >= 64 && second < 128)         // carrier-grade NAT 100.64/10
                && !(first == 192 && second == 0 && (third == 0 || third == 2)) // protocol assignments 192.0.0/24, documentation 192.0.2/24
                && !(first == 192 && second == 88 && third == 99)          // 6to4 relays 192.88.99/24
                && !(first == 198 && (second == 18 || second == 19))       // benchmarking 198.18/15
                && !(first == 198 && second == 51 && third == 100)         // documentation 198.51.100/24
                && !(first == 203 && second == 0 && third == 113);         // documentation 203.0.113/24
    }

    /** The IPv4 address an IPv6 one carries, or null. */
    private static byte[] embeddedIpv4(byte[] a) {
        boolean zeroTo8 = zero(a, 0, 8);
        if (zeroTo8 && ((word(a, 4) == 0 && word(a, 5) == 0xffff)         // ::ffff:a.b.c.d mapped
                || (word(a, 4) == 0xffff && word(a, 5) == 0)               // ::ffff:0:a.b.c.d translated
                || (word(a, 4) == 0 && word(a, 5) == 0))) {                // ::a.b.c.d compatible (and :: and ::1)
            return Arrays.copyOfRange(a, 12, 16);
        }
        if (word(a, 0) == 0x64 && word(a, 1) == 0xff9b) {
            // 64:ff9b::/96 NAT64; 64:ff9b:1::/48 is local NAT64, never public: 0.0.0.0 stands for it
            return zero(a, 4, 12) ? Arrays.copyOfRange(a, 12, 16) : new byte[4];
        }
        if (word(a, 0) == 0x2002) {                                        // 6to4 2002:a.b.c.d::/48
            return Arrays.copyOfRange(a, 2, 6);
        }
        return null;
    }

    private static int word(byte[] a, int index) {
        return ((a[2 * index] & 0xff) << 8) | (a[2 * index + 1] & 0xff);
    }

    private static boolean zero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
