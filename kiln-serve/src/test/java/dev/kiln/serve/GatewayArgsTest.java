package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.serve.feedback.FeedbackOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The image's command line takes kiln serve's feedback options, and says what it expected of a bad one. */
class GatewayArgsTest {

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
