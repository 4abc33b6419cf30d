package io.bulwark.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client's address behind reverse proxies ({@code BULWARK_TRUSTED_PROXIES}, a comma-separated
 * list of addresses and CIDR ranges, empty by default). Only when the connection comes from a
 * trusted proxy is the forwarding header read: the RFC 7239 {@code Forwarded} header if present,
 * else {@code X-Forwarded-For}. Its hops are walked from the right, past trusted proxies, and the
 * first address that is not one is the client, as {@link HttpServletRequest#getRemoteAddr()} for
 * everything downstream (per-address sign-in throttling, the audit log's {@code actor.ip}). From
 * any other peer the headers are ignored, so a client cannot choose its own address.
 *
 * <p>Not Tomcat's {@code RemoteIpValve} ({@code server.forward-headers-strategy: native}): its
 * trusted proxies are a regular expression whose default admits every private and loopback address;
 * nor Spring's {@code ForwardedHeaderFilter}, which believes the header from anyone.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc7239#section-5.2">RFC 7239 §5.2</a>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public final class TrustedProxyFilter extends OncePerRequestFilter {

  private static final int MAX_HOPS = 30;

  private final List<IpAddressMatcher> trusted;

  TrustedProxyFilter(@Value("${bulwark.http.trusted-proxies:}") String trustedProxies) {
    this.trusted =
        IpRanges.parse("BULWARK_TRUSTED_PROXIES", List.of(trustedProxies.split(",", -1)));
  }

  /**
   * @param trustedProxies comma-separated addresses and CIDR ranges, such as {@code 10.0.0.0/8,
   *     ::1}
   * @throws IllegalArgumentException when an entry is not an address or range
   */
  public static TrustedProxyFilter of(String trustedProxies) {
    return new TrustedProxyFilter(trustedProxies);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String peer = request.getRemoteAddr();
    if (trusted.isEmpty() || !isTrusted(peer)) {
      chain.doFilter(request, response);
      return;
    }
    String client = client(peer, hops(request));
    chain.doFilter(client.equals(peer) ? request : new ForwardedRequest(request, client), response);
  }

  private String client(String peer, List<String> hops) {
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (!IpRanges.isLiteral(hop)) {
        break;
      }
      client = hop;
      if (!isTrusted(hop)) {
        break;
      }
    }
    return client;
  }

  /** The forwarded-for hops, nearest last; an unusable entry stays in place as written. */
  private static List<String> hops(HttpServletRequest request) {
    List<String> hops = new ArrayList<>();
    List<String> forwarded = Collections.list(request.getHeaders("Forwarded"));
    if (!forwarded.isEmpty()) {
      for (String header : forwarded) {
        for (String element : header.split(",", -1)) {
          String forValue = "";
          for (String pair : element.split(";", -1)) {
            int equals = pair.indexOf('=');
            if (equals > 0
                && pair.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("for")) {
              forValue = node(pair.substring(equals + 1).trim());
            }
          }
          hops.add(forValue);
        }
      }
    } else {
      for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
        for (String hop : header.split(",", -1)) {
          hops.add(hop.trim());
        }
      }
    }
    return hops.size() > MAX_HOPS ? hops.subList(hops.size() - MAX_HOPS, hops.size()) : hops;
  }

  /** An RFC 7239 node: {@code 192.0.2.1}, {@code "192.0.2.1:80"}, {@code "[2001:db8::1]:443"}. */
  private static String node(String value) {
    String node = value;
    if (node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")) {
      node = node.substring(1, node.length() - 1);
    }
    if (node.startsWith("[")) {
      int close = node.indexOf(']');
      return close < 0 ? "" : node.substring(1, close);
    }
    int colon = node.indexOf(':');
    return colon >= 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
  }

  private boolean isTrusted(String address) {
    if (!IpRanges.isLiteral(address)) {
      return false;
    }
    for (IpAddressMatcher matcher : trusted) {
      if (matcher.matches(address)) {
        return true;
      }
    }
    return false;
  }

  private static final class ForwardedRequest extends HttpServletRequestWrapper {

    private final String client;

    ForwardedRequest(HttpServletRequest request, String client) {
      super(request);
      this.client = client;
    }

    @Override
    public String getRemoteAddr() {
      return client;
    }

    @Override
    public String getRemoteHost() {
      return client;
    }
  }
}
