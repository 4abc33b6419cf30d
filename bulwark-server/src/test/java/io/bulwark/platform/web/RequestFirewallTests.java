package io.bulwark.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The loops answer exactly as the firewall's own regular expressions, code point by code point. */
class RequestFirewallTests {

  @Test
  void namesFollowTheFirewallsExpressionForEveryCodePoint() {
    assertSameAnswers(
        RequestFirewall::assignedAndNotControl, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
    assertSameAnswers(
        RequestFirewall::assignedAndNotControl, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
  }

  @Test
  void headerValuesFollowTheFirewallsExpressionForEveryCodePoint() {
    assertSameAnswers(
        RequestFirewall::assignedAndNotControlOrTab, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
  }

  @Test
  void aBadCharacterAnywhereRejectsTheWholeValue() {
    assertThat(RequestFirewall.assignedAndNotControlOrTab("Bearer eyJ.a\tb-c")).isTrue();
    assertThat(RequestFirewall.assignedAndNotControlOrTab("")).isTrue();
    assertThat(RequestFirewall.assignedAndNotControlOrTab("café 😀")).isTrue();
    assertThat(RequestFirewall.assignedAndNotControlOrTab("ok\r\nSet-Cookie: x")).isFalse();
    assertThat(RequestFirewall.assignedAndNotControlOrTab("x\u0000")).isFalse();
    assertThat(RequestFirewall.assignedAndNotControlOrTab("x\u0085y")).isFalse();
    assertThat(RequestFirewall.assignedAndNotControl("X-Name\t")).isFalse();
    assertThat(RequestFirewall.assignedAndNotControl("unassigned\uFFFF")).isFalse();
  }

  private static void assertSameAnswers(Predicate<String> ours, Predicate<String> theirs) {
    List<String> differing = new ArrayList<>();
    for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      // Each code point alone and between printable ASCII; lone surrogates included.
      String alone = new String(Character.toChars(codePoint));
      for (String text : List.of(alone, "a" + alone + "b")) {
        if (ours.test(text) != theirs.test(text)) {
          differing.add(Integer.toHexString(codePoint));
        }
      }
    }
    assertThat(differing).isEmpty();
  }
}
