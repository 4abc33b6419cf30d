package io.bulwark.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundAddressesTests {

  private final OutboundAddresses strict = new OutboundAddresses(List.of());

  @Test
  void publicAddressesThenAllowed() {
    for (String url :
        List.of(
            "https://8.8.8.8/hook",
            "http://1.1.1.1:8080/x",
            "https://[2001:4860:4860::8888]/hook",
            "http://100.128.0.1/x",
            "http://172.32.0.1/x")) {
      assertThat(strict.refuses(URI.create(url))).as(url).isFalse();
    }
  }

  @Test
  void localPrivateAndSpecialAddressesThenRefused() {
    for (String url :
        List.of(
            "http://127.0.0.1/x",
            "http://127.8.9.10/x",
            "http://localhost/x",
            "http://0.0.0.0/x",
            "http://10.0.0.1/x",
            "http://172.16.5.4/x",
            "http://172.31.255.255/x",
            "http://192.168.0.1/x",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/x",
            "http://224.0.0.1/x",
            "http://255.255.255.255/x",
            "http://[::1]/x",
            "http://[::]/x",
            "http://[fe80::1]/x",
            "http://[fc00::1]/x",
            "http://[fd12:3456::1]/x",
            "http://[ff02::1]/x",
            "http://[::ffff:127.0.0.1]/x",
            "http://[::ffff:169.254.169.254]/x")) {
      assertThat(strict.refuses(URI.create(url))).as(url).isTrue();
    }
  }

  @Test
  void networksTheOperatorAllowsThenAllowedAndOthersStillRefused() {
    OutboundAddresses allowing =
        new OutboundAddresses(List.of("10.20.0.0/16", " fd00::/8 ", "192.168.1.7"));
    assertThat(allowing.refuses(URI.create("http://10.20.3.4/x"))).isFalse();
    assertThat(allowing.refuses(URI.create("http://[fd00::5]/x"))).isFalse();
    assertThat(allowing.refuses(URI.create("http://192.168.1.7/x"))).isFalse();
    assertThat(allowing.refuses(URI.create("http://10.21.0.1/x"))).isTrue();
    assertThat(allowing.refuses(URI.create("http://192.168.1.8/x"))).isTrue();
    assertThat(allowing.refuses(URI.create("http://169.254.169.254/x"))).isTrue();
  }

  @Test
  void prefixLengthsThatAreNotWholeBytesThenMatchedBitwise() {
    OutboundAddresses allowing = new OutboundAddresses(List.of("10.16.0.0/12"));
    assertThat(allowing.refuses(URI.create("http://10.31.0.1/x"))).isFalse();
    assertThat(allowing.refuses(URI.create("http://10.32.0.1/x"))).isTrue();
    assertThat(allowing.refuses(URI.create("http://10.15.255.255/x"))).isTrue();
  }

  @Test
  void unresolvableNamesThenNotRefusedHereAndMissingHostsRefused() {
    assertThat(strict.refuses(URI.create("http://no-such-host.invalid/x"))).isFalse();
    assertThat(strict.refuses(URI.create("file:///etc/passwd"))).isTrue();
  }

  @Test
  void allowedNetworksThatAreNotCidrThenStartupFails() {
    for (String bad : List.of("intranet.example.com", "10.0.0.0/33", "10.0.0.0/x", "::/129")) {
      assertThatThrownBy(() -> new OutboundAddresses(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
