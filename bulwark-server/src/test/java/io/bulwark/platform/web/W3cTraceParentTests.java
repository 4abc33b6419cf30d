package io.bulwark.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class W3cTraceParentTests {

  @Test
  void sampledHeaderGivesItsIdsAndFlag() {
    var parsed = W3cTraceParent.parse(" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ");

    assertThat(parsed)
        .isEqualTo(
            new W3cTraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true));
  }

  @Test
  void unsampledFlagIsReadFromTheLowestBit() {
    assertThat(W3cTraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"))
        .extracting(W3cTraceParent::sampled)
        .isEqualTo(false);
    assertThat(W3cTraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03"))
        .extracting(W3cTraceParent::sampled)
        .isEqualTo(true);
  }

  @Test
  void laterVersionMayCarryMoreFields() {
    assertThat(
            W3cTraceParent.parse(
                "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes-next"))
        .extracting(W3cTraceParent::traceId)
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x"
      })
  void malformedHeaderIsIgnored(String header) {
    assertThat(W3cTraceParent.parse(header)).isNull();
  }

  @Test
  void absentHeaderIsIgnored() {
    assertThat(W3cTraceParent.parse(null)).isNull();
  }
}
