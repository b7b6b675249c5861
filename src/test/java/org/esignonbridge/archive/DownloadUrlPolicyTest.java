package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which resolved addresses the archive may connect to (literals: no DNS involved). */
class DownloadUrlPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
        "192.0.0.8", "192.0.2.10", "198.51.100.7", "203.0.113.9", "198.18.0.1", "192.88.99.1", "224.0.0.1", "255.255.255.255",
        "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
        // IPv6 forms that carry a non-public IPv4 address
        "::127.0.0.1", "::a9fe:a9fe", "::ffff:127.0.0.1", "::ffff:0:7f00:1", "::ffff:0:a9fe:a9fe",
        "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::8.8.8.8", "2002:7f00:1::1", "2002:a00:1::1",
        // documentation and protocol ranges
        "100::1", "2001:db8::1", "3fff::1", "2001::1", "2001:2::1",
    })
    void anAddressThatIsNotPublicIsDeclined(String address) throws Exception {
        assertThat(DownloadUrlPolicy.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "8.8.8.8", "1.1.1.1", "211.249.220.24", "2404:6800:4004:80a::200e", "2600::1",
        "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8",
    })
    void aPublicAddressIsAllowed(String address) throws Exception {
        assertThat(DownloadUrlPolicy.isPublic(InetAddress.getByName(address))).isTrue();
    }
}
