package dev.kiln.packaging.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferencesTest {
  @Test
  void onlyRegistriesOnThisMachineMaySpeakPlainHttp() {
    assertThat(ImageBuilder.onLoopback("127.0.0.1:5000/kiln/credit:3")).isTrue();
    assertThat(ImageBuilder.onLoopback("localhost:5000/kiln/credit:3")).isTrue();
    assertThat(ImageBuilder.onLoopback("[::1]:5000/kiln/credit:3")).isTrue();
    assertThat(ImageBuilder.onLoopback("registry.example.com/kiln/credit:3")).isFalse();
    assertThat(ImageBuilder.onLoopback("127.example.com:5000/kiln/credit:3")).isFalse();
    assertThat(ImageBuilder.onLoopback("credit:3")).isFalse();
  }

  @Test
  void anImageNeedsATagAndAPortThatExists() {
    assertThatThrownBy(() -> new ImageSpec(Path.of("b"), Path.of("i.tar"), " ", Optional.empty(), Optional.empty(), 80))
        .hasMessageContaining("needs a tag");
    assertThatThrownBy(() -> new ImageSpec(Path.of("b"), Path.of("i.tar"), "a:1", Optional.empty(), Optional.empty(), 0))
        .hasMessageContaining("between 1 and 65535");
    assertThat(ImageSpec.defaultTag("Team/Credit Risk", 3)).isEqualTo("kiln/team/credit-risk:3");
  }
}
