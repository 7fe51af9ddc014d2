package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** GatewayMain's command line: live drift is on unless {@code --monitor off}. */
class GatewayArgsTest {
  @Test
  void liveDriftIsOnByDefaultAndMonitorOffTurnsItOff() {
    assertThat(GatewayArgs.parse(new String[] {"--bundle", "b"}).options().drift().enabled()).isTrue();
    assertThat(GatewayArgs.parse(new String[] {"--bundle", "b", "--monitor", "off"}).options().drift().enabled())
        .isFalse();
    assertThat(GatewayArgs.parse(new String[] {"--bundle", "b"}).options().requestLog().enabled()).isFalse();
  }

  @Test
  void monitorTakesOnOrOff() {
    assertThatThrownBy(() -> GatewayArgs.parse(new String[] {"--bundle", "b", "--monitor", "maybe"}))
        .hasMessage("--monitor takes on or off, found 'maybe'");
  }
}
