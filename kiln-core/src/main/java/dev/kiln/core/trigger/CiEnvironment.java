package dev.kiln.core.trigger;

import dev.kiln.core.history.CiRun;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the CI job a process runs in from the variables CI systems set, so a run records the
 * job's page, commit, branch and pull request: GitHub Actions ({@code GITHUB_ACTIONS}), GitLab CI
 * ({@code GITLAB_CI}), Jenkins ({@code JENKINS_URL}) and CircleCI ({@code CIRCLECI}).
 */
public final class CiEnvironment {
  private static final Pattern PULL_REF = Pattern.compile("refs/pull/(\\d+)/.*");
  private static final Pattern TRAILING_NUMBER = Pattern.compile(".*/(\\d+)/?");

  private CiEnvironment() {}

  public static CiRun detect(Map<String, String> env) {
    if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
      return github(env);
    }
    if ("true".equalsIgnoreCase(env.get("GITLAB_CI"))) {
      return new CiRun("gitlab-ci", first(env, "CI_PIPELINE_URL", "CI_JOB_URL"), value(env, "CI_COMMIT_SHA"),
          first(env, "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_REF_NAME"), value(env, "CI_MERGE_REQUEST_IID"));
    }
    if (value(env, "JENKINS_URL") != null) {
      String branch = first(env, "CHANGE_BRANCH", "BRANCH_NAME", "GIT_BRANCH");
      if (branch != null && branch.startsWith("origin/")) {
        branch = branch.substring("origin/".length());
      }
      return new CiRun("jenkins", value(env, "BUILD_URL"), value(env, "GIT_COMMIT"), branch, value(env, "CHANGE_ID"));
    }
    if ("true".equalsIgnoreCase(env.get("CIRCLECI"))) {
      return new CiRun("circleci", value(env, "CIRCLE_BUILD_URL"), value(env, "CIRCLE_SHA1"), value(env, "CIRCLE_BRANCH"),
          circlePullRequest(env));
    }
    return CiRun.NONE;
  }

  private static CiRun github(Map<String, String> env) {
    String server = value(env, "GITHUB_SERVER_URL");
    String repo = value(env, "GITHUB_REPOSITORY");
    String runId = value(env, "GITHUB_RUN_ID");
    String url = server != null && repo != null && runId != null ? server + "/" + repo + "/actions/runs/" + runId : null;
    String pr = null;
    String ref = value(env, "GITHUB_REF");
    if (ref != null) {
      Matcher m = PULL_REF.matcher(ref);
      if (m.matches()) {
        pr = m.group(1);
      }
    }
    String branch = pr != null ? first(env, "GITHUB_HEAD_REF", "GITHUB_REF_NAME") : value(env, "GITHUB_REF_NAME");
    return new CiRun("github-actions", url, value(env, "GITHUB_SHA"), branch, pr);
  }

  private static String circlePullRequest(Map<String, String> env) {
    String pr = first(env, "CIRCLE_PR_NUMBER", "CIRCLE_PULL_REQUEST");
    if (pr == null) {
      return null;
    }
    Matcher m = TRAILING_NUMBER.matcher(pr);
    return m.matches() ? m.group(1) : pr;
  }

  private static String first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = value(env, n);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
