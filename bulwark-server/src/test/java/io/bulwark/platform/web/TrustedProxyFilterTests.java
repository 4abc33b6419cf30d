package io.bulwark.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TrustedProxyFilterTests {

  static final String PROXIES = "10.0.0.0/8, 192.0.2.7, 2001:db8::/32";

  static String clientSeenBehind(String trusted, String peer, Map<String, String> headers)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/t/acme/login");
    request.setRemoteAddr(peer);
    headers.forEach(request::addHeader);
    MockFilterChain chain = new MockFilterChain();
    TrustedProxyFilter.of(trusted).doFilter(request, new MockHttpServletResponse(), chain);
    return ((HttpServletRequest) chain.getRequest()).getRemoteAddr();
  }

  @Test
  void forwardedForFromUntrustedPeerIsIgnored() throws Exception {
    assertThat(clientSeenBehind(PROXIES, "203.0.113.9", Map.of("X-Forwarded-For", "198.51.100.1")))
        .isEqualTo("203.0.113.9");
    assertThat(clientSeenBehind(PROXIES, "203.0.113.9", Map.of("Forwarded", "for=198.51.100.1")))
        .isEqualTo("203.0.113.9");
  }

  @Test
  void withNoTrustedProxiesConfiguredEveryHeaderIsIgnored() throws Exception {
    assertThat(clientSeenBehind("", "127.0.0.1", Map.of("X-Forwarded-For", "198.51.100.1")))
        .isEqualTo("127.0.0.1");
  }

  @Test
  void fromTrustedProxyTheRightMostUntrustedHopIsTheClient() throws Exception {
    // The client wrote a spoofed left-most entry; the proxies appended the real ones.
    assertThat(
            clientSeenBehind(
                PROXIES,
                "10.1.1.1",
                Map.of("X-Forwarded-For", "1.2.3.4, 198.51.100.1, 192.0.2.7, 10.2.2.2")))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void fromTrustedProxyAnRfc7239ForwardedHeaderWinsOverXForwardedFor() throws Exception {
    assertThat(
            clientSeenBehind(
                PROXIES,
                "10.1.1.1",
                Map.of(
                    "Forwarded",
                    "for=1.2.3.4, for=\"[2001:db8:cafe::17]:4711\";proto=https, for=\"198.51.100.2:80\"",
                    "X-Forwarded-For",
                    "203.0.113.50")))
        .isEqualTo("198.51.100.2");
    assertThat(
            clientSeenBehind(
                PROXIES,
                "10.1.1.1",
                Map.of("Forwarded", "for=\"[2001:db9::1]\", for=\"[2001:db8::2]:443\"")))
        .isEqualTo("2001:db9::1");
  }

  @Test
  void anUnusableHopStopsTheWalkAtTheLastTrustedAddress() throws Exception {
    assertThat(
            clientSeenBehind(
                PROXIES, "10.1.1.1", Map.of("X-Forwarded-For", "198.51.100.1, example.com")))
        .isEqualTo("10.1.1.1");
    assertThat(
            clientSeenBehind(
                PROXIES, "10.1.1.1", Map.of("Forwarded", "for=198.51.100.1, for=unknown")))
        .isEqualTo("10.1.1.1");
    assertThat(
            clientSeenBehind(
                PROXIES, "10.1.1.1", Map.of("X-Forwarded-For", "198.51.100.1, 999.1.1.1")))
        .isEqualTo("10.1.1.1");
  }

  @Test
  void whenEveryHopIsTrustedTheLeftMostIsTheClient() throws Exception {
    assertThat(
            clientSeenBehind(PROXIES, "10.1.1.1", Map.of("X-Forwarded-For", "10.3.3.3, 10.2.2.2")))
        .isEqualTo("10.3.3.3");
    assertThat(clientSeenBehind(PROXIES, "10.1.1.1", Map.of())).isEqualTo("10.1.1.1");
  }

  @Test
  void aSettingThatIsNotAnAddressOrRangeIsRefused() {
    assertThatThrownBy(() -> TrustedProxyFilter.of("10.0.0.0/8, proxy.internal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proxy.internal");
  }
}
