package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.serve.feedback.FeedbackOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** GatewayMain's command line: live drift is on unless {@code --monitor off}; kiln serve's feedback options, and what it expected of a bad one. */
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

  @Test
  void feedbackOptionsReachTheGatewaysOptionsAndDefaultAsKilnServesDo() {
    FeedbackOptions f = GatewayArgs.parse(new String[] {"--bundle", "b", "--feedback-key", "loan_id",
        "--feedback-journal", "500", "--feedback-max-age", "2h", "--feedback-window", "15m"}).options().feedback();
    assertThat(f.keyColumn()).contains("loan_id");
    assertThat(f.journalSize()).isEqualTo(500);
    assertThat(f.maxAge()).isEqualTo(Duration.ofHours(2));
    assertThat(f.window()).isEqualTo(Duration.ofMinutes(15));
    assertThat(GatewayArgs.parse(new String[] {"--bundle", "b"}).options().feedback()).isEqualTo(FeedbackOptions.DEFAULT);
  }

  @Test
  void aBadFeedbackOptionSaysWhatItTakes() {
    assertThatThrownBy(() -> GatewayArgs.parse(new String[] {"--bundle", "b", "--feedback-window", "0s"}))
        .hasMessageContaining("--feedback-window takes a duration longer than 0");
    assertThatThrownBy(() -> GatewayArgs.parse(new String[] {"--bundle", "b", "--feedback-max-age", "soon"}))
        .hasMessageContaining("--feedback-max-age takes a duration").hasMessageContaining("'soon'");
    assertThatThrownBy(() -> GatewayArgs.parse(new String[] {"--bundle", "b", "--feedback-journal", "0"}))
        .hasMessageContaining("--feedback-journal takes a whole number from 1");
  }
}
