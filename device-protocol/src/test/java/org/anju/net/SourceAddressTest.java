package org.anju.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceAddressTest {

    @Test
    void anIpv6AddressCountsByItsSlash64() {
        assertThat(SourceAddress.key("2001:db8:1:2:aaaa::1")).isEqualTo(SourceAddress.key("2001:db8:1:2::99"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(SourceAddress.key("2001:db8:1:3::1")).isNotEqualTo(SourceAddress.key("2001:db8:1:2::1"));
        assertThat(SourceAddress.key("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
    }

    @Test
    void anIpv4AddressIsItselfAndAnIpv4MappedAddressIsItsIpv4Address() {
        assertThat(SourceAddress.key("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(SourceAddress.key("::ffff:10.0.0.1")).isEqualTo("10.0.0.1");
    }

    @Test
    void whatIsNotAnAddressIsKeptAsGivenAndNothingIsLookedUp() {
        assertThat(SourceAddress.key(null)).isEqualTo(SourceAddress.UNKNOWN);
        assertThat(SourceAddress.key("  ")).isEqualTo(SourceAddress.UNKNOWN);
        assertThat(SourceAddress.key(" 10.0.0.9 ")).isEqualTo("10.0.0.9");
        assertThat(SourceAddress.key("localhost")).isEqualTo("localhost");
        assertThat(SourceAddress.key("not:an address")).isEqualTo("not:an address");
        assertThat(SourceAddress.key("zz:zz")).isEqualTo("zz:zz");
    }
}
