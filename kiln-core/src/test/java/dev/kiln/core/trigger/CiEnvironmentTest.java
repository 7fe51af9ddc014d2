package dev.kiln.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.history.CiRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CiEnvironmentTest {
  @Test
  void githubActionsOnAPullRequest() {
    CiRun ci = CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
        "GITHUB_REPOSITORY", "acme/credit", "GITHUB_RUN_ID", "7712", "GITHUB_SHA", "a1b2c3d4", "GITHUB_REF",
        "refs/pull/42/merge", "GITHUB_REF_NAME", "42/merge", "GITHUB_HEAD_REF", "feature/x", "GITHUB_EVENT_NAME",
        "pull_request"));
    assertThat(ci).isEqualTo(new CiRun("github-actions", "https://github.com/acme/credit/actions/runs/7712", "a1b2c3d4",
        "feature/x", "42"));
  }

  @Test
  void githubActionsOnAPush() {
    CiRun ci = CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
        "GITHUB_REPOSITORY", "acme/credit", "GITHUB_RUN_ID", "7", "GITHUB_SHA", "abc", "GITHUB_REF", "refs/heads/main",
        "GITHUB_REF_NAME", "main", "GITHUB_EVENT_NAME", "push"));
    assertThat(ci.branch()).isEqualTo("main");
    assertThat(ci.pullRequest()).isNull();
  }

  @Test
  void gitlabJenkinsAndCircleCi() {
    assertThat(CiEnvironment.detect(Map.of("GITLAB_CI", "true", "CI_PIPELINE_URL", "https://gitlab.com/a/b/-/pipelines/9",
        "CI_COMMIT_SHA", "def", "CI_COMMIT_REF_NAME", "main", "CI_MERGE_REQUEST_IID", "5")))
        .isEqualTo(new CiRun("gitlab-ci", "https://gitlab.com/a/b/-/pipelines/9", "def", "main", "5"));
    assertThat(CiEnvironment.detect(Map.of("JENKINS_URL", "https://ci/", "BUILD_URL", "https://ci/job/p/3/", "GIT_COMMIT",
        "123", "GIT_BRANCH", "origin/release")))
        .isEqualTo(new CiRun("jenkins", "https://ci/job/p/3/", "123", "release", null));
    assertThat(CiEnvironment.detect(Map.of("CIRCLECI", "true", "CIRCLE_BUILD_URL", "https://circleci.com/gh/a/b/8",
        "CIRCLE_SHA1", "456", "CIRCLE_BRANCH", "dev", "CIRCLE_PULL_REQUEST", "https://github.com/a/b/pull/77")))
        .isEqualTo(new CiRun("circleci", "https://circleci.com/gh/a/b/8", "456", "dev", "77"));
  }

  @Test
  void outsideCiNothingIsRecorded() {
    assertThat(CiEnvironment.detect(Map.of("HOME", "/root", "CI", "true"))).isEqualTo(CiRun.NONE);
  }

  @Test
  void triggerNamesTakeAnOptionalCause() {
    assertThat(TriggerName.parse("manual")).isEqualTo(new TriggerName("manual", ""));
    assertThat(TriggerName.parse("push:a1b2c3d modified data/x.csv"))
        .isEqualTo(new TriggerName("push", "a1b2c3d modified data/x.csv"));
    assertThat(TriggerName.parse("monitor:input-drift")).isEqualTo(new TriggerName("monitor:input-drift", ""));
    assertThat(TriggerName.parse("monitor:input-drift:psi 0.31")).isEqualTo(new TriggerName("monitor:input-drift",
        "psi 0.31"));
    assertThatThrownBy(() -> TriggerName.parse("cron")).hasMessageContaining("unknown trigger 'cron'");
    assertThatThrownBy(() -> TriggerName.parse("monitor:")).hasMessageContaining("needs a rule name");
  }
}
