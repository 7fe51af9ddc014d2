package dev.kiln.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DataCheckTest {
  @Test
  void pathsSeenForTheFirstTimeAreOnlyRemembered() {
    Finding f = DataCheck.check(Map.of("data/train.csv", "sha256:a"), Map.of()).orElseThrow();
    assertThat(f.fires()).isFalse();
    assertThat(f.cause()).isEqualTo("data: watching data/train.csv");
  }

  @Test
  void aChangedHashFiresOnceAndIsRememberedSoItDoesNotFireAgain() {
    Map<String, String> seen = Map.of("data/train.csv", "sha256:a", "data/test.csv", "sha256:t");
    Map<String, String> now = Map.of("data/train.csv", "sha256:b", "data/test.csv", "sha256:t");
    Finding f = DataCheck.check(now, seen).orElseThrow();
    assertThat(f.fires()).isTrue();
    assertThat(f.cause()).isEqualTo("data: modified data/train.csv");
    assertThat(f.marks()).containsExactly(new TriggerState.Mark(TriggerState.Kind.DATA, "data/train.csv", "sha256:b"));
    assertThat(DataCheck.check(now, now)).isEmpty();
  }

  @Test
  void addedAndDeletedPathsAreNamedSo() {
    Finding f = DataCheck.check(Map.of("a.csv", DataCheck.MISSING, "b.csv", "sha256:b"),
        Map.of("a.csv", "sha256:a", "b.csv", DataCheck.MISSING)).orElseThrow();
    assertThat(f.cause()).isEqualTo("data: deleted a.csv and 1 more");
    assertThat(f.fires()).isTrue();
  }
}
