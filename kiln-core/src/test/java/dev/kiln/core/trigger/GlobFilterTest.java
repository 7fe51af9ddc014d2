package dev.kiln.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The examples of GitHub Actions' "filter pattern cheat sheet", for branches and for paths. */
class GlobFilterTest {
  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      // branches
      "feature/*           | feature/my-branch           | true",
      "feature/*           | feature/your-branch         | true",
      "feature/*           | feature/beta-a/my-branch    | false",
      "feature/**          | feature/beta-a/my-branch    | true",
      "feature/**          | feature/your-branch         | true",
      "feature/**          | feature/mona/the/octocat    | true",
      "main                | main                        | true",
      "main                | mainline                    | false",
      "releases/mona-the-octocat | releases/mona-the-octocat | true",
      "*                   | main                        | true",
      "*                   | releases                    | true",
      "*                   | releases/v1                 | false",
      "**                  | all/the/branches            | true",
      "**                  | every/tag                   | true",
      "*feature            | mona-feature                | true",
      "*feature            | feature                     | true",
      "*feature            | ver-10-feature              | true",
      "v2*                 | v2                          | true",
      "v2*                 | v2.0                        | true",
      "v2*                 | v2.9                        | true",
      "v[12].[0-9]+.[0-9]+ | v1.10.1                     | true",
      "v[12].[0-9]+.[0-9]+ | v2.0.0                      | true",
      "v[12].[0-9]+.[0-9]+ | v3.0.0                      | false",
      "v[12].[0-9]+.[0-9]+ | v1..0                       | false",
      // paths
      "*                   | README.md                   | true",
      "*                   | server.rb                   | true",
      "*                   | docs/README.md              | false",
      "*.jsx?              | page.js                     | true",
      "*.jsx?              | page.jsx                    | true",
      "*.jsx?              | page.jsxx                   | false",
      "**                  | all/the/files.md            | true",
      "*.js                | app.js                      | true",
      "*.js                | index.js                    | true",
      "*.js                | js/index.js                 | false",
      "**.js               | index.js                    | true",
      "**.js               | js/index.js                 | true",
      "**.js               | src/js/app.js               | true",
      "docs/*              | docs/README.md              | true",
      "docs/*              | docs/file.txt               | true",
      "docs/*              | docs/mona/octocat.txt       | false",
      "docs/**             | docs/README.md              | true",
      "docs/**             | docs/mona/octocat.txt       | true",
      "docs/**/*.md        | docs/README.md              | true",
      "docs/**/*.md        | docs/mona/hello-world.md    | true",
      "docs/**/*.md        | docs/a/markdown/file.md     | true",
      "docs/**/*.md        | docs/a/markdown/file.txt    | false",
      "**/docs/**          | docs/hello.md               | true",
      "**/docs/**          | dir/docs/my-file.txt        | true",
      "**/docs/**          | space/docs/plan/space.doc   | true",
      "**/docs/**          | mydocs/x.md                 | false",
      "**/README.md        | README.md                   | true",
      "**/README.md        | js/README.md                | true",
      "**/*src/**          | a/src/app.js                | true",
      "**/*src/**          | my-src/code/js/app.js       | true",
      "**/*-post.md        | my-post.md                  | true",
      "**/*-post.md        | path/their-post.md          | true",
      "**/migrate-*.sql    | migrate-10909.sql           | true",
      "**/migrate-*.sql    | db/migrate-v1.0.sql         | true",
      "**/migrate-*.sql    | db/sept/migrate-v1.sql      | true",
      "data/train\\*.csv   | data/train*.csv             | true",
      "data/train\\*.csv   | data/train1.csv             | false",
  })
  void onePatternMatchesAsGithubActionsDocumentsIt(String pattern, String name, boolean expected) {
    assertThat(GlobFilter.of(List.of(pattern)).includes(name)).isEqualTo(expected);
  }

  @Test
  void aNegatedPatternExcludesWhatAnEarlierOneIncluded() {
    GlobFilter f = GlobFilter.of(List.of("*.md", "!README.md"));
    assertThat(f.includes("hello.md")).isTrue();
    assertThat(f.includes("README.md")).isFalse();
    assertThat(f.includes("docs/hello.md")).isFalse();
  }

  @Test
  void aLaterPatternOverridesAnEarlierNegation() {
    GlobFilter f = GlobFilter.of(List.of("*.md", "!README.md", "README*"));
    assertThat(f.includes("hello.md")).isTrue();
    assertThat(f.includes("README.md")).isTrue();
    assertThat(f.includes("README.doc")).isTrue();
  }

  @Test
  void branchesWithANegatedReleaseBranch() {
    GlobFilter f = GlobFilter.of(List.of("releases/**", "!releases/**-alpha"));
    assertThat(f.includes("releases/10")).isTrue();
    assertThat(f.includes("releases/beta/mona")).isTrue();
    assertThat(f.includes("releases/10-alpha")).isFalse();
    assertThat(f.includes("main")).isFalse();
  }

  @Test
  void badPatternsSayWhatIsWrong() {
    assertThatThrownBy(() -> GlobFilter.of(List.of("src/[abc"))).hasMessageContaining("'[' at column 5 is never closed");
    assertThatThrownBy(() -> GlobFilter.of(List.of("+x"))).hasMessageContaining("no character before it");
    assertThatThrownBy(() -> GlobFilter.of(List.of("a\\"))).hasMessageContaining("escapes nothing");
    assertThatThrownBy(() -> GlobFilter.of(List.of("!"))).hasMessageContaining("negates no pattern");
    assertThatThrownBy(() -> GlobFilter.of(List.of("!docs/**"))).hasMessageContaining("only '!' patterns");
    assertThatThrownBy(() -> GlobFilter.of(List.of("x[]"))).hasMessageContaining("lists no character");
  }
}
