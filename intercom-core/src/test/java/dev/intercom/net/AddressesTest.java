package dev.intercom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses are printed as people write them: IPv6 in RFC 5952's short form. */
class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "::1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "fe80:0:0:0:0:0:0:1, fe80::1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "1:2:3:4:5:6:7:0, 1:2:3:4:5:6:7:0",
        "0:0:1:0:0:0:0:0, 0:0:1::",
        "127.0.0.1, 127.0.0.1",
    })
    void textIsTheShortForm(String given, String expected) throws Exception {
        assertEquals(expected, Addresses.text(InetAddress.getByName(given)));
    }

    @Test
    void aSocketAddressPutsIpv6InBrackets() throws Exception {
        assertEquals("[::1]:5004", Addresses.format(new InetSocketAddress(InetAddress.getByName("::1"), 5004)));
        assertEquals("127.0.0.1:5004", Addresses.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5004)));
    }
}
