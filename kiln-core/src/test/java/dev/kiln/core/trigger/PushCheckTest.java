package dev.kiln.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The push rule over a fixed history; the JGit adapter on a real repository is tested in kiln-cli. */
class PushCheckTest {
  static final GitLog.Commit C1 = new GitLog.Commit("a1b2c3d4e5", List.of(new GitLog.Change("modified", "README.md")));
  static final GitLog.Commit C2 = new GitLog.Commit("b2c3d4e5f6",
      List.of(new GitLog.Change("modified", "data/train.csv"), new GitLog.Change("added", "data/extra.csv")));

  /** A repository whose main branch went from 0000 through C1 to C2. */
  static GitLog history(String tip) {
    return new GitLog() {
      @Override
      public Map<String, String> branches() {
        return Map.of("main", tip, "docs", "d0c5");
      }

      @Override
      public List<Commit> commits(String from, Optional<String> since, int limit) {
        List<Commit> all = List.of(C1, C2);
        int start = since.map(s -> s.equals(C1.id()) ? 1 : 0).orElse(0);
        int end = from.equals(C1.id()) ? 1 : 2;
        return all.subList(start, end);
      }
    };
  }

  static PushFilter filter(String yamlPaths) {
    return new PushFilter(Optional.of(GlobFilter.of(List.of("main"))), false,
        Optional.of(GlobFilter.of(List.of(yamlPaths.split(",")))), false);
  }

  @Test
  void aCommitTouchingAWatchedPathFiresAndNamesWhatChanged() {
    List<Finding> f = PushCheck.check(filter("data/**"), history(C2.id()), Map.of("main", C1.id()));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).fires()).isTrue();
    assertThat(f.get(0).cause()).isEqualTo("push b2c3d4e: modified data/train.csv and 1 more");
    assertThat(f.get(0).marks()).containsExactly(new TriggerState.Mark(TriggerState.Kind.BRANCH, "main", C2.id()));
  }

  @Test
  void aCommitTouchingOnlyOtherPathsIsRememberedButDoesNotFire() {
    List<Finding> f = PushCheck.check(filter("data/**"), history(C1.id()), Map.of("main", "0000"));
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.fires()).isFalse();
      assertThat(x.cause()).isEqualTo("push a1b2c3d: no watched path changed (modified README.md)");
    });
  }

  @Test
  void severalCommitsFormOnePushAndBranchesOutsideTheFilterAreNotLookedAt() {
    List<Finding> f = PushCheck.check(filter("data/train.csv"), history(C2.id()), Map.of("main", "0000", "docs", "x"));
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.fires()).isTrue();
      assertThat(x.cause()).isEqualTo("push b2c3d4e: modified data/train.csv (2 commits on main)");
    });
  }

  @Test
  void pathsIgnoreFiresWhenAnyChangedPathIsNotIgnored() {
    PushFilter ignoreDocs = new PushFilter(Optional.empty(), false, Optional.of(GlobFilter.of(List.of("*.md"))), true);
    assertThat(PushCheck.check(ignoreDocs, history(C1.id()), Map.of("main", "0000", "docs", "d0c5")))
        .singleElement().satisfies(x -> assertThat(x.fires()).isFalse());
    assertThat(PushCheck.check(ignoreDocs, history(C2.id()), Map.of("main", C1.id(), "docs", "d0c5")))
        .singleElement().satisfies(x -> assertThat(x.fires()).isTrue());
  }

  @Test
  void aBranchSeenForTheFirstTimeIsOnlyRemembered() {
    List<Finding> f = PushCheck.check(PushFilter.ALL, history(C2.id()), Map.of());
    assertThat(f).hasSize(2).allSatisfy(x -> assertThat(x.fires()).isFalse());
    assertThat(f).extracting(Finding::cause).contains("push: watching branch main from b2c3d4e");
  }
}
