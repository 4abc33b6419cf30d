package io.bulwark.platform.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * Which addresses the server may call when a tenant administrator names a URL (webhooks): not the
 * server's own host, the cloud metadata service, or private networks behind it, unless the operator
 * allows a network with {@code BULWARK_OUTBOUND_ALLOWED_NETWORKS} (CIDR list). Without that, a
 * tenant administrator could use a webhook to reach what only the server can reach (server-side
 * request forgery).
 *
 * <p>Refused: loopback, unspecified, link-local (169.254.0.0/16, which holds the metadata service,
 * and fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT
 * (100.64.0.0/10), multicast and IPv4-mapped forms of those. A host name is refused if any of its
 * addresses is. Checks happen when the URL is set and again before each call, since DNS answers can
 * change; a name that resolves differently between the check and the connection (DNS rebinding
 * within one call) is not covered.
 */
@Component
public final class OutboundAddresses {

  private final List<IpAddressMatcher> allowed;

  OutboundAddresses(@Value("${bulwark.http.outbound-allowed-networks:}") List<String> allowed) {
    this.allowed = IpRanges.parse("BULWARK_OUTBOUND_ALLOWED_NETWORKS", allowed);
  }

  /**
   * Whether the URL's host is, or resolves to, an address that may not be called. A name that does
   * not resolve is not refused here: calling it fails on its own.
   */
  public boolean refuses(URI url) {
    String host = url.getHost();
    if (host == null) {
      return true;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return false;
    }
    return !Arrays.stream(addresses).allMatch(this::allows);
  }

  boolean allows(InetAddress address) {
    String literal = address.getHostAddress();
    if (allowed.stream().anyMatch(network -> network.matches(literal))) {
      return true;
    }
    return isPublic(address);
  }

  private static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      boolean carrierNat = first == 100 && second >= 64 && second < 128;
      boolean reserved = first == 0 || first >= 240;
      return !carrierNat && !reserved;
    }
    if (address instanceof Inet6Address) {
      boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
      boolean mappedV4 = isMappedIpv4(bytes);
      if (mappedV4) {
        try {
          return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
        } catch (UnknownHostException e) {
          return false;
        }
      }
      return !uniqueLocal;
    }
    return false;
  }

  private static boolean isMappedIpv4(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
  }
}
