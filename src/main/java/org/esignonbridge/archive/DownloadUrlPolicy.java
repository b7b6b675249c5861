package org.esignonbridge.archive;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
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
    public URI check(String url) throws DownloadRefusedException, DownloadFailedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new DownloadRefusedException("not a valid URL");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null) {
            throw new DownloadRefusedException("the URL has no host, or carries a user name");
        }
        if (!allowedHost(host)) {
            throw new DownloadRefusedException("host " + host + " is not in esignon.archive.allowed-hosts");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean loopbackTest = allowInsecureLoopback && "http".equalsIgnoreCase(uri.getScheme()) && isLoopbackName(host);
        if (!https && !loopbackTest) {
            throw new DownloadRefusedException("only https URLs are fetched");
        }
        for (InetAddress address : resolve(host)) {
            boolean allowedLoopback = allowInsecureLoopback && address.isLoopbackAddress();
            if (!allowedLoopback && !isPublic(address)) {
                throw new DownloadRefusedException("host " + host + " resolves to a non-public address " + address.getHostAddress());
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

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] a = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = a[0] & 0xff;
            int second = a[1] & 0xff;
            return first != 0 && first < 224                              // 0/8, multicast and reserved
                    && !(first == 100 && second >= 64 && second < 128)     // carrier-grade NAT 100.64/10
                    && !(first == 192 && second == 0 && (a[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19));   // 198.18/15 benchmarking
        }
        if (address instanceof Inet6Address) {
            int first = a[0] & 0xff;
            return (first & 0xfe) != 0xfc                                  // unique local fc00::/7
                    && !isIpv4Mapped(a);                                   // ::ffff:10.0.0.1 and the like
        }
        return false;
    }

    private static boolean isIpv4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }
}
