package io.bulwark.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its default rules, and the character rules for
 * header names, header values and parameter names checked by a loop instead of a regular
 * expression: the firewall checks every header a request reads, and the expressions were about 4 %
 * of the server's CPU per secret read.
 */
@Configuration(proxyBeanMethods = false)
class RequestFirewall {

  @Bean
  HttpFirewall httpFirewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderNames(RequestFirewall::assignedAndNotControl);
    firewall.setAllowedHeaderValues(RequestFirewall::assignedAndNotControlOrTab);
    firewall.setAllowedParameterNames(RequestFirewall::assignedAndNotControl);
    return firewall;
  }

  /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, the firewall's rule for names. */
  static boolean assignedAndNotControl(String text) {
    return allowed(text, false);
  }

  /** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}, the firewall's rule for header values. */
  static boolean assignedAndNotControlOrTab(String text) {
    return allowed(text, true);
  }

  private static boolean allowed(String text, boolean tab) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        // Printable ASCII: assigned, no control character.
        i++;
        continue;
      }
      int codePoint = text.codePointAt(i);
      if (Character.isISOControl(codePoint) && !(tab && codePoint == '\t')
          || Character.getType(codePoint) == Character.UNASSIGNED) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }
}
