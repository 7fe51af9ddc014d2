package dev.kiln.cli;

import dev.kiln.core.config.Durations;
import dev.kiln.release.environment.DeployRequest;
import dev.kiln.release.environment.Deployment;
import dev.kiln.release.registry.Actors;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.rollout.StrategyOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln deploy MODEL_REF --env ENV}: record the intent in the store, then follow the rollout. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Roll a registered version out to an environment.",
        "",
        "Records the rollout in the store; the gateway following the environment (kiln serve --env ENV) "
            + "carries it out and measures it: replace swaps at once; blue-green loads the new version beside "
            + "the old, reachable at /v2/models/NAME/versions/V/infer, then switches; canary moves traffic by "
            + "weight steps and judges each interval (error rate, p99 latency, prediction PSI against stable); "
            + "shadow sends a copy of live requests to it and reports agreement. A failed analysis aborts: "
            + "all traffic back to stable at once. The environment's alias (NAME@ENV) always names what it "
            + "serves. Waits for the outcome unless --no-wait: exit 0 promoted, 1 aborted."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln deploy credit-risk@staging --env production --strategy canary",
        "  kiln deploy credit-risk:4 --env production --strategy canary \\",
        "      --steps 10,50,pause,100 --interval 1m --analysis error_rate='> 0.02'",
        "  kiln deploy credit-risk:4 --env staging           replace, the default",
        "  kiln deploy credit-risk:4 --env production --strategy shadow --mirror 25%%"})
final class DeployCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(index = "0", paramLabel = "MODEL_REF", description = "The version: name:4 or name@alias.")
  String ref;

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment (staging, production, ...).")
  String env;

  @Option(names = "--strategy", paramLabel = "S", defaultValue = "replace",
      description = "replace (default), blue-green, canary or shadow.")
  String strategy;

  @Option(names = "--steps", paramLabel = "LIST", description = "Canary weights: 10,25,50,100; 'pause' or 'pause 2m' between.")
  String steps;

  @Option(names = "--interval", paramLabel = "DURATION", description = "How long each step is measured (default: 30s).")
  String interval;

  @Option(names = "--analysis", paramLabel = "METRIC=COND",
      description = "Roll back if: error_rate, latency_p99_ms, prediction_psi or agreement, e.g. error_rate='> 0.01'.")
  Map<String, String> analysis = new LinkedHashMap<>();

  @Option(names = "--failure-limit", paramLabel = "N", description = "Failed analyses tolerated before aborting (default: 1).")
  Integer failureLimit;

  @Option(names = "--min-samples", paramLabel = "N", description = "Fewest candidate requests to judge (default: 50).")
  Long minSamples;

  @Option(names = "--mirror", paramLabel = "PERCENT", description = "Shadow: share of requests copied (default: 100%%).")
  String mirror;

  @Option(names = "--intervals", paramLabel = "N", description = "Shadow: analyses before promotion (default: 3).")
  Integer intervals;

  @Option(names = "--auto-promote", negatable = true, paramLabel = "",
      description = "Promote when the analysis passes (blue-green default: yes; shadow: no).")
  Boolean autoPromote;

  @Option(names = "--keep-warm", paramLabel = "DURATION", description = "Blue-green: how long the old version stays loaded (default: 5m).")
  String keepWarm;

  @Option(names = "--sticky-header", paramLabel = "NAME", description = "Canary: route by this header, so one caller sees one version.")
  String sticky;

  @Option(names = "--force", description = "Deploy a version its gate did not bless, or over a rollout in progress.")
  boolean force;

  @Option(names = {"-r", "--reason"}, description = "Why; recorded in the history.")
  String reason;

  @Option(names = "--as", paramLabel = "NAME", description = "Who (default: $KILN_USER, else $USER).")
  String who;

  @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Follow the rollout until it is over (default); --no-wait returns at once.")
  boolean await;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", description = "With --wait: give up after (default: 30m).")
  String timeout;

  @Override
  public Integer call() {
    StrategyOptions options = new StrategyOptions(strategy, Optional.ofNullable(steps), Optional.ofNullable(interval),
        analysis, Optional.ofNullable(failureLimit), Optional.ofNullable(minSamples), Optional.ofNullable(mirror),
        Optional.ofNullable(intervals), Optional.ofNullable(autoPromote), Optional.ofNullable(keepWarm),
        Optional.ofNullable(sticky));
    Duration limit = parseTimeout();
    return Releases.with(root, a -> {
      ModelVersion v = a.store().store.registry().resolve(ModelRef.parse(ref));
      RolloutWatch watch = new RolloutWatch(root, a.store().store.environments(), env);
      long seen = watch.newest();
      Deployment d = a.deployer().deploy(new DeployRequest(env, v.model(), v.version(), options.toStrategy(),
          Actors.or(who), reason, Optional.empty(), force));
      root.out.println(env + ": deploying " + v.ref() + " (" + strategy + ")" + (d.stable() == v.version()
          && d.inProgress().isEmpty() ? "" : "; " + env + " serves v" + d.stable() + " meanwhile"));
      return await ? watch.follow(seen, limit) : ExitCodes.OK;
    });
  }

  private Duration parseTimeout() {
    try {
      return Durations.parse(timeout);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--timeout: " + e.getMessage());
    }
  }
}
